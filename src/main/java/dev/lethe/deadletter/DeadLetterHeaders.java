package dev.lethe.deadletter;

/** Header names the worker adds to dead-letter records. None of them carries subject data. */
public final class DeadLetterHeaders {

    /** A {@link DeadLetterCode}. */
    public static final String ERROR = "lethe-error";
    /** One line saying what is wrong, without subject data. */
    public static final String ERROR_DETAIL = "lethe-error-detail";
    /** The requestId, where the record had a valid one. */
    public static final String REQUEST_ID = "lethe-request-id";
    /** Comma-separated resources that failed (RETRIES_EXHAUSTED). */
    public static final String FAILED_RESOURCES = "lethe-failed-resources";
    /** Where the record was read from: topic-partition@offset. */
    public static final String ORIGIN = "lethe-origin";

    /**
     * Set when the record's bytes were too large to copy: the value is empty and this is the original value's size
     * in bytes; {@link #ORIGIN} (or the requests topic at that offset) has the original.
     */
    public static final String ORIGINAL_SIZE = "lethe-original-size";

    private DeadLetterHeaders() {
    }
}
