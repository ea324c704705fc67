package dev.lethe.tasks;

import dev.lethe.ledger.ClaimedTask;
import java.time.Instant;

/** What one run of a task came to, waiting to be recorded in the ledger. */
sealed interface TaskResult {

    ClaimedTask task();

    record Completed(ClaimedTask task, TaskOutcome outcome, long items) implements TaskResult {
    }

    /** A permanent error, or a transient one with the retry budget spent. */
    record Failed(ClaimedTask task, String error) implements TaskResult {
    }

    /** A transient error with budget left: try again at {@code nextAttemptAt}. */
    record Retry(ClaimedTask task, String error, Instant nextAttemptAt) implements TaskResult {
    }
}
