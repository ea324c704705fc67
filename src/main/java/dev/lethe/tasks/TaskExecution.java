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

/** Runs one claimed task: calls its cleaner and records the outcome, a retry, or the failure. */
class TaskExecution {

    private final CleanerRegistry cleaners;
    private final RequestParser parser;
    private final TaskOutcomes outcomes;
    private final RetryBudget budget;
    private final Clock clock;

    TaskExecution(CleanerRegistry cleaners, RequestParser parser, TaskOutcomes outcomes, RetryBudget budget, Clock clock) {
        this.cleaners = cleaners;
        this.parser = parser;
        this.outcomes = outcomes;
        this.budget = budget;
        this.clock = clock;
    }

    void run(ClaimedTask task) {
        DeletionRequest request = parser.readValidated(task.payload());
        CleanCommand command = new CleanCommand(request.subject(), request.mode(), task.dryRun());
        long items;
        try {
            items = cleaners.forResource(task.resource()).clean(command);
        } catch (Exception e) {
            handleFailure(task, e);
            return;
        }
        outcomes.completed(task, TaskOutcome.of(command, items), items);
    }

    private void handleFailure(ClaimedTask task, Exception error) {
        String description = SafeErrors.describe(error);
        Instant now = clock.instant();
        Optional<Instant> next = FailureKinds.isTransient(error) ? budget.nextAttempt(task, now) : Optional.empty();
        if (next.isPresent()) {
            outcomes.rescheduled(task, description, next.get());
        } else {
            outcomes.failed(task, description);
        }
    }
}
