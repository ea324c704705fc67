package dev.lethe.intake;

import dev.lethe.core.SafeErrors;

/**
 * A poll the intake could not take (the ledger or the dead-letter topic is unavailable): the error handler reads it
 * again. It carries the cause's safe description only, since the original's message can quote refused values.
 */
final class IntakeRetry extends RuntimeException implements SafeErrors.SafeMessage {

    IntakeRetry(String cause) {
        super(cause, null, false, false);
    }

    @Override
    public String safeMessage() {
        return getMessage();
    }
}
