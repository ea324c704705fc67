package dev.lethe.plan;

import dev.lethe.core.SafeErrors;

/**
 * The legal hold check cannot decide, and asking again will not help (the query is wrong, a permission is missing).
 * It fails closed: the request is rejected with {@link RejectionReason#LEGAL_HOLD_CHECK_FAILED}. The message has no
 * subject data; the driver's error is not kept, because its message can quote the id.
 */
public final class LegalHoldCheckFailedException extends RuntimeException implements SafeErrors.SafeMessage {

    /** @param description one line without subject data, such as {@link SafeErrors#describe} gives */
    public LegalHoldCheckFailedException(String description) {
        super("legal hold check failed: " + description);
    }

    @Override
    public String safeMessage() {
        return getMessage();
    }
}
