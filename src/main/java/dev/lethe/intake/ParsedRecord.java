package dev.lethe.intake;

import dev.lethe.core.DeletionRequest;
import dev.lethe.deadletter.DeadLetterCode;

/** What the parser made of one record from the requests topic. */
public sealed interface ParsedRecord {

    /** A record that is a valid DeletionRequest. */
    record Valid(DeletionRequest request) implements ParsedRecord {
    }

    /**
     * A record that is not: it goes to the dead-letter topic.
     *
     * @param code the {@code lethe-error} header
     * @param detail the {@code lethe-error-detail} header: one line, never subject data
     */
    record Malformed(DeadLetterCode code, String detail) implements ParsedRecord {
    }
}
