package dev.lethe.monitoring;

import java.util.Locale;

/** The {@code error.kind} tag of an error report: why the work gave up. */
public enum ErrorKind {
    /** The backend kept failing with errors a retry could fix, until the task's retry budget was spent. */
    TRANSIENT,
    /** An error a retry cannot fix (a missing table, a constraint, an HTTP 4xx): the task failed at once. */
    PERMANENT,
    /** Counting again after the erasure found items left, until the task's retry budget was spent. */
    VERIFICATION,
    /** The task's resource is no longer configured. */
    CONFIGURATION,
    /** The ledger refused to record the task's result. */
    LEDGER,
    /** A fault of Lethe's own (a bug, an Error out of a cleaner), not of the backend. */
    INTERNAL;

    String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
