package dev.lethe.ledger;

import java.util.EnumSet;
import java.util.Set;

/** Where a request is; {@link #canMoveTo} is the one table of allowed transitions. */
public enum RequestStatus {
    /** Durable in the ledger, not yet planned. */
    RECEIVED,
    /** Planned and accepted; its tasks are running. */
    RUNNING,
    /** Every task completed. Final. */
    COMPLETED,
    /** A task failed; replay or a re-send of the same id runs it again. */
    FAILED,
    /** Not executed (protected subject, unknown scope...). Final. */
    REJECTED;

    public boolean canMoveTo(RequestStatus next) {
        return allowedNext().contains(next);
    }

    /** Final requests are never executed again (contract: final request ids). */
    public boolean isFinal() {
        return this == COMPLETED || this == REJECTED;
    }

    private Set<RequestStatus> allowedNext() {
        return switch (this) {
            case RECEIVED -> EnumSet.of(RUNNING, REJECTED);
            case RUNNING -> EnumSet.of(COMPLETED, FAILED);
            case FAILED -> EnumSet.of(RECEIVED);
            case COMPLETED, REJECTED -> EnumSet.noneOf(RequestStatus.class);
        };
    }
}
