package dev.lethe.plan;

import dev.lethe.intake.DeletionRequest.Subject;

/** Tells whether a subject must never be erased (contract guarantee 6). */
@FunctionalInterface
public interface ProtectionCheck {

    boolean isProtected(Subject subject);

    static ProtectionCheck none() {
        return subject -> false;
    }
}
