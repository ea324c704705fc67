package dev.lethe.plan;

/** The {@code reason} of a REQUEST_REJECTED event. */
public enum RejectionReason {
    /** The subject matched {@code lethe.protection.query}. */
    PROTECTED_SUBJECT,
    /**
     * {@code lethe.protection.query} failed with an error a retry cannot fix (a wrong query, a missing permission,
     * an id the query cannot convert), so nobody can tell whether the subject is protected: the check fails closed.
     */
    PROTECTION_CHECK_FAILED,
    /** The subject matched {@code lethe.legal-hold.query}: its data must be kept for now. */
    LEGAL_HOLD,
    /**
     * {@code lethe.legal-hold.query} failed with an error a retry cannot fix, so nobody can tell whether the subject
     * is held: the check fails closed.
     */
    LEGAL_HOLD_CHECK_FAILED,
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
