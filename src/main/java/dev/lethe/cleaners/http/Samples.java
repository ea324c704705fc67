package dev.lethe.cleaners.http;

import dev.lethe.core.DeletionRequest.Subject;

/** Subjects that templates are tried with at start, so a template that cannot work stops start-up. */
final class Samples {

    /** A plain subject: letters where a template expects a value. */
    static final Subject SUBJECT = new Subject("sample-type", "sample-id", "sample-tenant");

    /** A subject whose values hold every character an escape must take care of. */
    static final Subject HOSTILE = new Subject("x\"}]\\", "a\"b\\c/d?e#f&g=h{i}\n\u0000\u2028é", "t\"},{");

    private Samples() {
    }
}
