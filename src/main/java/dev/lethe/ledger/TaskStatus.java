package dev.lethe.ledger;

import java.util.EnumSet;
import java.util.Set;

/** Where a task (one resource of one request) is; {@link #canMoveTo} is the one table of allowed transitions. */
public enum TaskStatus {
    /** Waiting for its dependencies, its next attempt time, or a free worker. */
    PENDING,
    /** Claimed by a worker until its lease expires. */
    RUNNING,
    /** Done for good: its outcome and items are recorded. */
    COMPLETED,
    /** Gave up: a permanent error or an exhausted retry budget. Replay makes it PENDING again. */
    FAILED;

    public boolean canMoveTo(TaskStatus next) {
        return allowedNext().contains(next);
    }

    private Set<TaskStatus> allowedNext() {
        return switch (this) {
            // PENDING -> COMPLETED: a task with nothing to do (SOFT on a resource without soft delete) is done at plan time.
            case PENDING -> EnumSet.of(RUNNING, COMPLETED);
            // RUNNING -> RUNNING: another worker takes over a task whose lease expired.
            case RUNNING -> EnumSet.of(RUNNING, PENDING, COMPLETED, FAILED);
            case FAILED -> EnumSet.of(PENDING);
            case COMPLETED -> EnumSet.noneOf(TaskStatus.class);
        };
    }
}
