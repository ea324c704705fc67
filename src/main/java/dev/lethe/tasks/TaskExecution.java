package dev.lethe.tasks;

import dev.lethe.cleaners.CleanCommand;
import dev.lethe.cleaners.CleanerRegistry;
import dev.lethe.cleaners.FailureKinds;
import dev.lethe.faults.CrashPoint;
import dev.lethe.faults.CrashPoints;
import dev.lethe.intake.DeletionRequest;
import dev.lethe.intake.RequestParser;
import dev.lethe.ledger.ClaimedTask;
import dev.lethe.privacy.SafeErrors;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Runs one claimed task: calls its cleaner through the resource's protections and says what came of it: an
 * outcome, a retry (with or without spending budget), or a failure.
 */
class TaskExecution {

    private final CleanerRegistry cleaners;
    private final RequestParser parser;
    private final ResilientCalls calls;
    private final RetryBudget budget;
    private final Clock clock;

    TaskExecution(CleanerRegistry cleaners, RequestParser parser, ResilientCalls calls, RetryBudget budget, Clock clock) {
        this.cleaners = cleaners;
        this.parser = parser;
        this.calls = calls;
        this.budget = budget;
        this.clock = clock;
    }

    TaskResult run(ClaimedTask task) {
        DeletionRequest request = parser.readValidated(task.payload());
        CleanCommand command = new CleanCommand(request.subject(), request.mode(), task.dryRun());
        CallResult call = calls.call(task.resource(), () -> cleaners.forResource(task.resource()).clean(command));
        if (call.succeeded()) {
            CrashPoints.reach(CrashPoint.TASK_AFTER_CLEANER_CALL);
            return new TaskResult.Completed(task, TaskOutcome.of(command, call.items()), call.items(), call.calls());
        }
        String description = SafeErrors.describe(call.error());
        Instant now = clock.instant();
        if (call.turnedAway()) {
            // The backend was not tried: wait for the breaker without spending the retry budget.
            return new TaskResult.Retry(task, description, now.plus(calls.waitWhenTurnedAway(task.resource(), now)),
                    call.calls());
        }
        int attempts = task.attempts() - 1 + call.calls();
        Optional<Instant> next = FailureKinds.isTransient(call.error())
                ? budget.nextAttempt(task.resource(), attempts, task.firstAttemptAt(), now) : Optional.empty();
        return next.<TaskResult>map(at -> new TaskResult.Retry(task, description, at, call.calls()))
                .orElseGet(() -> new TaskResult.Failed(task, description, call.calls()));
    }
}
