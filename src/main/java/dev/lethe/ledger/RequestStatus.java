package dev.lethe.ledger;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a request is. {@link #allowedNext} is the one table of allowed transitions: every statement that writes
 * {@code deletion_request.status} is built from a {@link StatusMove} it allows (see {@link RequestLedger}).
 */
public enum RequestStatus implements LedgerStatus<RequestStatus> {
    /** Durable in the ledger, not yet planned. */
    RECEIVED,
    /** Planned and accepted; its tasks are running. */
    RUNNING,
    /** Every task completed. Final. */
    COMPLETED,
    /** A task failed; replay or a re-send of the same id runs it again. */
    FAILED,
    /** Not executed (protected subject, unknown scope...). Final. */
    REJECTED,
    /** Cancelled by a cancel record before any of its tasks started; nothing was erased. Final. */
    CANCELLED;

    @Override
    public boolean canMoveTo(RequestStatus next) {
        return allowedNext().contains(next);
    }

    /** Intake writes every new request RECEIVED. */
    @Override
    public boolean canStartIn() {
        return this == RECEIVED;
    }

    /** Final requests are never executed again (contract: final request ids). */
    public boolean isFinal() {
        return allowedNext().isEmpty();
    }

    private Set<RequestStatus> allowedNext() {
        return switch (this) {
            // Planning accepts it (its tasks are written) or rejects it (protected subject, unknown scope...).
            // Or a cancel record arrives before it is planned.
            case RECEIVED -> EnumSet.of(RUNNING, REJECTED, CANCELLED);
            // Ended once no task can make progress: every task completed, or something failed. Or cancelled while no
            // task has started yet (a grace period, or simply before the first claim).
            case RUNNING -> EnumSet.of(COMPLETED, FAILED, CANCELLED);
            // The same id arrives again (a replay or a re-send) asking for the same thing: planned again as the next run.
            case FAILED -> EnumSet.of(RECEIVED);
            // Final ids: the same id again erases nothing and writes no event.
            case COMPLETED, REJECTED, CANCELLED -> EnumSet.noneOf(RequestStatus.class);
        };
    }
}
