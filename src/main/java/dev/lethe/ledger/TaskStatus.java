package dev.lethe.ledger;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a task (one resource of one request) is. {@link #allowedNext} is the one table of allowed transitions: every
 * statement that writes {@code deletion_task.status} is built from a {@link StatusMove} it allows (see
 * {@link TaskLedger} and {@link RequestLedger}).
 */
public enum TaskStatus implements LedgerStatus<TaskStatus> {
    /** Waiting for its dependencies, its next attempt time, or a free worker. */
    PENDING,
    /** Claimed by a worker until its lease expires. */
    RUNNING,
    /** Done for good: its outcome and items are recorded. */
    COMPLETED,
    /** Gave up: a permanent error or an exhausted retry budget. Replay makes it PENDING again. */
    FAILED,
    /** Never ran: its request was cancelled before any of its tasks started. Final. */
    CANCELLED;

    @Override
    public boolean canMoveTo(TaskStatus next) {
        return allowedNext().contains(next);
    }

    /**
     * Planning writes a task PENDING; RUNNING when it is ready and the planning worker's runner has room (claimed at
     * once under that worker's lease, see {@link TaskHandoff}); or COMPLETED (outcome SKIPPED) when there is nothing
     * to do: SOFT on a resource without soft delete.
     */
    @Override
    public boolean canStartIn() {
        return this == PENDING || this == RUNNING || this == COMPLETED;
    }

    private Set<TaskStatus> allowedNext() {
        return switch (this) {
            // Claimed with a lease once due and its dependencies completed. PENDING again: a replay starts a task that
            // was held back by a failed dependency over, in the next run with no attempts.
            // CANCELLED: a cancel record arrived before any task of the request started.
            case PENDING -> EnumSet.of(RUNNING, PENDING, CANCELLED);
            // PENDING: a transient failure with retry budget left (or an open breaker), or its lease expired (the
            // worker died or hung), or a replay. COMPLETED or FAILED: the worker that holds the lease records the result.
            case RUNNING -> EnumSet.of(PENDING, COMPLETED, FAILED);
            // A replay or re-send of the failed request tries it again.
            case FAILED -> EnumSet.of(PENDING);
            // A replay keeps what completed.
            case COMPLETED, CANCELLED -> EnumSet.noneOf(TaskStatus.class);
        };
    }
}
