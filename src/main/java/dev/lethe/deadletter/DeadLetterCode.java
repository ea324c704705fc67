package dev.lethe.deadletter;

/** The {@code lethe-error} header of a dead-letter record: why the record is there. */
public enum DeadLetterCode {
    /** Not parseable as JSON. */
    INVALID_JSON,
    /** JSON, but not a valid DeletionRequest. */
    SCHEMA_VIOLATION,
    /**
     * The record value is larger than {@code lethe.intake.max-record-bytes}; rejected before any parsing, so an
     * oversized record costs no more than its length check and never reaches the ledger.
     */
    RECORD_TOO_LARGE,
    /** The request ended REQUEST_FAILED: a resource exhausted its retries. Replay re-runs what did not complete. */
    RETRIES_EXHAUSTED,
    /** The requestId is already used by a request for another subject; the record was not executed. */
    REQUEST_ID_CONFLICT,
    /**
     * A valid request the ledger refused to store for good (an error that retrying cannot fix, such as a value the
     * database cannot hold). It was not executed; the detail names the SQLSTATE, never a value.
     */
    LEDGER_REJECTED,
    /**
     * A cancel record that came too late: a task of its request had started (or the request had ended), so the
     * request runs to its own end. Nothing of the cancel was applied.
     */
    CANCEL_TOO_LATE,
    /** A cancel record for a requestId the ledger does not know (never received, or sent before its request). */
    CANCEL_UNKNOWN_REQUEST
}
