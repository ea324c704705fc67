package dev.lethe.tasks;

import dev.lethe.cleaners.CleanCommand;
import dev.lethe.cleaners.CleanerRegistry;
import dev.lethe.cleaners.FailureKinds;
import dev.lethe.intake.DeletionRequest;
import dev.lethe.intake.RequestParser;
import dev.lethe.ledger.ClaimedTask;
import dev.lethe.privacy.SafeErrors;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** Runs one claimed task: calls its cleaner and says what came of it: an outcome, a retry, or a failure. */
class TaskExecution {

    private final CleanerRegistry cleaners;
    private final RequestParser parser;
    private final RetryBudget budget;
    private final Clock clock;

    TaskExecution(CleanerRegistry cleaners, RequestParser parser, RetryBudget budget, Clock clock) {
        this.cleaners = cleaners;
        this.parser = parser;
        this.budget = budget;
        this.clock = clock;
    }

    TaskResult run(ClaimedTask task) {
        DeletionRequest request = parser.readValidated(task.payload());
        CleanCommand command = new CleanCommand(request.subject(), request.mode(), task.dryRun());
        try {
            long items = cleaners.forResource(task.resource()).clean(command);
            return new TaskResult.Completed(task, TaskOutcome.of(command, items), items);
        } catch (Exception e) {
            return failure(task, e);
        }
    }

    private TaskResult failure(ClaimedTask task, Exception error) {
        String description = SafeErrors.describe(error);
        Optional<Instant> next = FailureKinds.isTransient(error) ? budget.nextAttempt(task, clock.instant()) : Optional.empty();
        return next.<TaskResult>map(at -> new TaskResult.Retry(task, description, at))
                .orElseGet(() -> new TaskResult.Failed(task, description));
    }
}
