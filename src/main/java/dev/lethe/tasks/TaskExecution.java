package dev.lethe.tasks;

import dev.lethe.core.TaskOutcome;
import dev.lethe.cleaners.CleanCommand;
import dev.lethe.cleaners.Cleaner;
import dev.lethe.cleaners.CleanerRegistry;
import dev.lethe.cleaners.FailureClassifier;

import dev.lethe.faults.CrashPoint;
import dev.lethe.faults.CrashPoints;
import dev.lethe.core.DeletionRequest;
import dev.lethe.intake.RequestParser;
import dev.lethe.ledger.ClaimedTask;
import dev.lethe.monitoring.ErrorKind;
import dev.lethe.core.SafeErrors;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs claimed tasks: calls their cleaner through the resource's protections and says what came of each: an
 * outcome, a retry (with or without spending budget), or a failure.
 */
class TaskExecution {

    private static final Logger log = LoggerFactory.getLogger(TaskExecution.class);

    /** The TASK_FAILED error of a task whose resource was removed from the configuration after it was planned. */
    static final String NOT_CONFIGURED = "resource no longer configured";

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

    /**
     * Runs tasks of one resource. Tasks of the same kind (mode, dry run, with or without tenant) go to the cleaner in
     * one call where it cleans many subjects in one round trip ({@code cleansInOneCall}), else one by one; if that call fails with a permanent error, each task is tried alone, so that one subject's problem
     * (a constraint, say) does not fail the others.
     */
    List<TaskResult> runAll(List<ClaimedTask> tasks) {
        List<TaskResult> results = new ArrayList<>(tasks.size());
        Map<String, List<Planned>> byKind = new LinkedHashMap<>();
        for (ClaimedTask task : tasks) {
            if (!cleaners.isConfigured(task.resource())) {
                // Waiting would never end: no cleaner, breaker or budget exists for it any more.
                results.add(new TaskResult.Failed(task, NOT_CONFIGURED, 0, ErrorKind.CONFIGURATION));
                continue;
            }
            CleanCommand command = commandOf(task);
            String kind = command.mode() + "/" + command.dryRun() + "/" + command.subject().hasTenant();
            byKind.computeIfAbsent(kind, k -> new ArrayList<>()).add(new Planned(task, command));
        }
        byKind.values().forEach(group -> results.addAll(runTogether(group)));
        return results;
    }

    private List<TaskResult> runTogether(List<Planned> group) {
        String resource = group.get(0).task().resource();
        if (group.size() == 1 || !cleaners.forResource(resource).cleansInOneCall()) {
            return group.stream().map(planned -> runAlone(planned, 0)).toList();
        }
        List<CleanCommand> commands = group.stream().map(Planned::command).toList();
        CallResult<List<Long>> call = calls.call(resource, () -> cleaners.forResource(resource).cleanAll(commands));
        if (call.succeeded()) {
            CrashPoints.reach(CrashPoint.TASK_AFTER_CLEANER_CALL);
            return verified(resource, group, call.value(), call.calls());
        }
        if (!call.turnedAway() && !cleaners.classifierOf(resource).isTransient(call.error())) {
            return group.stream().map(planned -> runAlone(planned, call.calls())).toList();
        }
        return group.stream().map(planned -> failure(planned.task(), call, 0)).toList();
    }

    private TaskResult runAlone(Planned planned, int earlierCalls) {
        ClaimedTask task = planned.task();
        CallResult<Long> call = calls.call(task.resource(), () -> cleaners.forResource(task.resource()).clean(planned.command()));
        if (call.succeeded()) {
            CrashPoints.reach(CrashPoint.TASK_AFTER_CLEANER_CALL);
            return verified(task.resource(), List.of(planned), List.of(call.value()), earlierCalls + call.calls()).get(0);
        }
        return failure(task, call, earlierCalls);
    }

    /**
     * Completes tasks whose erasure succeeded, after counting again what it left where the type can count (contract,
     * "verification"): the dry run of the same commands. Something left (rows written again behind the cleaner's back,
     * a replica that lagged) is a transient failure: the task runs again within its budget, then fails with an error
     * that says verification. Counting calls are not attempts: {@code attempts} counts erasure calls.
     */
    private List<TaskResult> verified(String resource, List<Planned> group, List<Long> items, int erasureCalls) {
        Cleaner cleaner = cleaners.forResource(resource);
        boolean counts = !group.get(0).command().dryRun() && cleaner.countsWhatRemains();
        List<Long> remaining = null;
        CallResult<List<Long>> count = null;
        if (counts) {
            List<CleanCommand> recount = group.stream().map(planned -> planned.command().counting()).toList();
            count = this.calls.call(resource, () -> cleaner.cleanAll(recount));
            remaining = count.succeeded() ? count.value() : null;
        }
        List<TaskResult> results = new ArrayList<>(group.size());
        for (int i = 0; i < group.size(); i++) {
            Planned planned = group.get(i);
            if (counts && remaining == null) {
                results.add(notVerified(planned, resource, items.get(i), count, erasureCalls));
            } else if (counts && remaining.get(i) > 0) {
                results.add(leftBehind(planned.task(), items.get(i), remaining.get(i), erasureCalls));
            } else {
                results.add(completed(planned, resource, items.get(i), erasureCalls, counts ? 0L : null));
            }
        }
        return results;
    }

    /**
     * The erasure succeeded but counting again failed (the backend went away between the two calls). The task is
     * recorded as done, with the items it erased and without {@code verifiedRemaining}: running it again would find
     * nothing and report NOTHING_FOUND for items that were in fact erased, so the audit would undercount. The missing
     * count is logged; a replayed or later request for the subject counts again.
     */
    private TaskResult notVerified(Planned planned, String resource, long items, CallResult<?> count, int calls) {
        ClaimedTask task = planned.task();
        log.warn("task {}/{} erased {} items; counting what remains failed, so it is recorded unverified: {}",
                task.requestId(), resource, items, SafeErrors.describe(count.error()));
        return completed(planned, resource, items, calls, null);
    }

    /** Done: with what this attempt erased and what earlier ones did before verification sent the task back. */
    private TaskResult completed(Planned planned, String resource, long items, int calls, Long verifiedRemaining) {
        long erased = planned.task().erasedEarlier() + items;
        return new TaskResult.Completed(planned.task(), outcomeOf(resource, planned.command(), erased), erased, calls,
                verifiedRemaining);
    }

    /**
     * Items found again after the erasure: retried as transient within the budget, then failed saying verification.
     * What this attempt erased is kept with the task, for the items it completes with.
     */
    private TaskResult leftBehind(ClaimedTask task, long erased, long remaining, int calls) {
        String error = "verification: " + remaining + " items remain after erasing";
        Instant now = clock.instant();
        return budget.nextAttempt(task.resource(), task.attempts() - 1 + calls, task.firstAttemptAt(), now)
                .<TaskResult>map(at -> new TaskResult.Retry(task, error, at, calls, false, erased))
                .orElseGet(() -> new TaskResult.Failed(task, error, calls, ErrorKind.VERIFICATION, erased));
    }

    private TaskResult failure(ClaimedTask task, CallResult<?> call, int earlierCalls) {
        int made = earlierCalls + call.calls();
        String description = SafeErrors.describe(call.error());
        Instant now = clock.instant();
        if (call.turnedAway()) {
            // The breaker (or bulkhead) stopped the call, possibly after in-call retries opened it: the task waits for
            // the breaker; only calls actually made count as attempts.
            return new TaskResult.Retry(task, description, now.plus(calls.waitWhenTurnedAway(task.resource(), now)),
                    made, true);
        }
        int attempts = task.attempts() - 1 + made;
        boolean transientError = cleaners.classifierOf(task.resource()).isTransient(call.error());
        Optional<Instant> next = transientError
                ? budget.nextAttempt(task.resource(), attempts, task.firstAttemptAt(), now)
                        .map(at -> notBeforeRetryAfter(at, call.error(), now))
                : Optional.empty();
        return next.<TaskResult>map(at -> new TaskResult.Retry(task, description, at, made, false))
                .orElseGet(() -> new TaskResult.Failed(task, description, made,
                        transientError ? ErrorKind.TRANSIENT : ErrorKind.PERMANENT));
    }

    /** The budget's time, or later when the backend asked to be left alone longer (Retry-After). */
    private static Instant notBeforeRetryAfter(Instant budgetTime, Throwable error, Instant now) {
        return FailureClassifier.retryAfter(error).map(now::plus).filter(budgetTime::isBefore).orElse(budgetTime);
    }

    private TaskOutcome outcomeOf(String resource, CleanCommand command, long items) {
        TaskOutcome erased = command.mode() == DeletionRequest.Mode.SOFT ? TaskOutcome.SOFT_DELETED
                : cleaners.forResource(resource).hardOutcome();
        return TaskOutcome.of(command.dryRun(), items, erased);
    }

    private CleanCommand commandOf(ClaimedTask task) {
        DeletionRequest request = parser.readValidated(task.payload());
        return new CleanCommand(request.subject(), request.mode(), task.dryRun());
    }

    private record Planned(ClaimedTask task, CleanCommand command) {
    }
}
