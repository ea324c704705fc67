package dev.lethe.plan;

import dev.lethe.core.SafeErrors;

/**
 * The protection check cannot decide, and asking again will not help (the query is wrong, a permission is missing,
 * the id is not a value of the type the query compares it with). The check fails closed: the request is rejected
 * with {@link RejectionReason#PROTECTION_CHECK_FAILED}. The message says what failed without subject data; the
 * driver's error is not kept, because its message can quote the id.
 */
public final class ProtectionCheckFailedException extends RuntimeException implements SafeErrors.SafeMessage {

    /** @param description one line without subject data, such as {@link SafeErrors#describe} gives */
    public ProtectionCheckFailedException(String description) {
        super("protection check failed: " + description);
    }

    @Override
    public String safeMessage() {
        return getMessage();
    }
}
