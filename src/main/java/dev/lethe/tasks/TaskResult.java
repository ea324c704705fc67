package dev.lethe.tasks;

import dev.lethe.core.TaskOutcome;
import dev.lethe.ledger.ClaimedTask;
import dev.lethe.monitoring.ErrorKind;
import java.time.Instant;

/** What one run of a task came to, waiting to be recorded in the ledger. */
sealed interface TaskResult {

    ClaimedTask task();

    /** Cleaner calls this run of the task made (the claim counted one already). */
    int calls();

    /** The task's attempts once this run is counted. */
    default int attempts() {
        return task().attempts() - 1 + calls();
    }

    /**
     * @param verifiedRemaining what counting again after the erasure found (0 when verified), or null where it was not
     *     counted (a dry run, a type that cannot count)
     */
    record Completed(ClaimedTask task, TaskOutcome outcome, long items, int calls, Long verifiedRemaining)
            implements TaskResult {
    }

    /**
     * A permanent error, or a transient one with the retry budget spent.
     *
     * @param kind why it gave up, for error reports
     * @param erased items the last attempt erased before counting again found some left (verification); 0 otherwise
     */
    record Failed(ClaimedTask task, String error, int calls, ErrorKind kind, long erased) implements TaskResult {

        Failed(ClaimedTask task, String error, int calls, ErrorKind kind) {
            this(task, error, calls, kind, 0);
        }
    }

    /**
     * Try again at {@code nextAttemptAt}: a transient error with budget left, or ({@code turnedAway}) the breaker or
     * bulkhead turned the call away, which fails nothing: the task waits for the breaker.
     *
     * @param erased items this attempt erased before counting again found some left (verification); 0 otherwise
     */
    record Retry(ClaimedTask task, String error, Instant nextAttemptAt, int calls, boolean turnedAway, long erased)
            implements TaskResult {

        Retry(ClaimedTask task, String error, Instant nextAttemptAt, int calls, boolean turnedAway) {
            this(task, error, nextAttemptAt, calls, turnedAway, 0);
        }
    }
}
