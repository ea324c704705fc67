package dev.lethe.plan;

/** The {@code reason} of a REQUEST_REJECTED event. */
public enum RejectionReason {
    /** The subject matched {@code lethe.protection.query}. */
    PROTECTED_SUBJECT,
    /** {@code scope.include} or {@code scope.exclude} names no resource and no category. */
    UNKNOWN_SCOPE,
    /** No resource applies to the subject's type. */
    UNKNOWN_SUBJECT_TYPE,
    /**
     * Planning the request failed with an error retrying cannot fix (its stored record cannot be read, say): it is
     * ended so that it does not hold back the requests behind it. Nothing was erased.
     */
    PLANNING_FAILED
}
