package dev.lethe.plan;

import dev.lethe.core.DeletionRequest.Subject;

/**
 * Tells whether a subject must never be erased (contract guarantee 6). It fails closed: a check that cannot decide
 * never answers "not protected".
 */
@FunctionalInterface
public interface ProtectionCheck {

    /**
     * @throws ProtectionCheckFailedException when it cannot decide and a retry will not help (the request is rejected)
     * @throws RuntimeException any other exception when it cannot decide for now (the backend is down): planning
     *         waits and asks again
     */
    boolean isProtected(Subject subject);

    static ProtectionCheck none() {
        return subject -> false;
    }
}
