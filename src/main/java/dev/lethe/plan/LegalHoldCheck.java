package dev.lethe.plan;

import dev.lethe.core.DeletionRequest.Subject;

/**
 * Tells whether a subject's data must be kept for a legal reason (litigation, an investigation): a held subject's
 * request is rejected, nothing erased. It fails closed: a check that cannot decide never answers "not held".
 */
@FunctionalInterface
public interface LegalHoldCheck {

    /**
     * @throws LegalHoldCheckFailedException when it cannot decide and a retry will not help (the request is rejected)
     * @throws RuntimeException any other exception when it cannot decide for now (the hold database is down):
     *         planning waits and asks again
     */
    boolean isHeld(Subject subject);

    static LegalHoldCheck none() {
        return subject -> false;
    }
}
