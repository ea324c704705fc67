package dev.lethe.tasks;

import dev.lethe.ledger.RequestEnding;
import dev.lethe.audit.AuditContext;
import dev.lethe.audit.AuditTrail;
import dev.lethe.audit.Outbox;
import dev.lethe.ledger.ClaimedTask;
import dev.lethe.ledger.LedgerErrors;
import dev.lethe.core.PollingLoop;
import dev.lethe.core.StageHealth;
import dev.lethe.ledger.TaskCompletion;
import dev.lethe.ledger.TaskKey;
import dev.lethe.ledger.HandoffRound;
import dev.lethe.ledger.TaskHandoff;
import dev.lethe.ledger.TaskLedger;
import dev.lethe.core.WorkAvailable;
import dev.lethe.monitoring.ErrorKind;
import dev.lethe.monitoring.ErrorReports;
import dev.lethe.monitoring.LetheMetrics;
import dev.lethe.monitoring.RequestTraces;
import dev.lethe.core.SafeErrors;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records task results in the ledger in batches: one transaction (and one commit) for everything the task threads
 * finished since the last round, with the audit events and the ends of requests they complete. Results are sorted by
 * (requestId, resource) and request rows are locked in id order, which keeps deadlocks between workers rare; one
 * that happens rolls the round back and it is retried. A worker that lost a task's lease records
 * nothing for it: the other worker's result stands. If this worker dies with results unrecorded, their leases
 * expire and the tasks run again (cleaners are safe to repeat).
 */
class TaskResultRecorder extends PollingLoop {

    private static final Logger log = LoggerFactory.getLogger(TaskResultRecorder.class);
    private static final Comparator<TaskResult> LOCK_ORDER = Comparator
            .comparing((TaskResult result) -> result.task().requestId())
            .thenComparing(result -> result.task().resource());

    private final TaskLedger ledger;
    /** The runner, which also submits to this recorder: looked up when first used. */
    private final Supplier<TaskHandoff> runner;
    private final HeldTasks held;
    private final AuditTrail audit;
    private final Outbox outbox;
    private final RequestEnding ending;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final String owner;
    private final int batchSize;
    private final BlockingQueue<TaskResult> queue;
    private final List<TaskResult> unrecorded = new ArrayList<>();
    private final LetheMetrics metrics;
    private final ErrorReports errors;
    private final RequestTraces traces;

    TaskResultRecorder(TaskLedger ledger, Supplier<TaskHandoff> runner, HeldTasks held, AuditTrail audit, Outbox outbox, RequestEnding ending,
            TransactionTemplate transactions, ApplicationEventPublisher events, Clock clock, WorkerIdentity worker, TaskProperties properties,
            LetheMetrics metrics, ErrorReports errors, RequestTraces traces, StageHealth health) {
        super("task-results", properties.pollInterval(), health);
        this.ledger = ledger;
        this.runner = runner;
        this.held = held;
        this.audit = audit;
        this.outbox = outbox;
        this.ending = ending;
        this.transactions = transactions;
        this.events = events;
        this.clock = clock;
        this.owner = worker.name();
        this.batchSize = properties.claimBatch() * 4;
        this.metrics = metrics;
        this.errors = errors;
        this.traces = traces;
        // Bounded: when the ledger falls behind, task threads wait here instead of piling up results.
        this.queue = new LinkedBlockingQueue<>(properties.concurrency() * 4);
    }

    /** Hands over a result; blocks while the queue is full. */
    void submit(TaskResult result) throws InterruptedException {
        queue.put(result);
        wake();
    }

    @Override
    protected boolean runOnce() {
        if (unrecorded.isEmpty()) {
            queue.drainTo(unrecorded, batchSize);
        }
        if (unrecorded.isEmpty()) {
            return false;
        }
        unrecorded.sort(LOCK_ORDER);
        Instant now = clock.instant();
        List<Runnable> afterCommit = new ArrayList<>();
        HandoffRound handoff = new HandoffRound(runner.get());
        boolean oneByOne = false;
        try {
            transactions.executeWithoutResult(status -> {
                List<TaskKey> madeReady = record(unrecorded, now, afterCommit);
                claimMadeReady(madeReady, now, handoff);
            });
        } catch (RuntimeException batchError) {
            handoff.rolledBack();
            if (LedgerErrors.isTransient(batchError)) {
                throw batchError;
            }
            log.warn("recording {} task results failed ({}): recording them one by one", unrecorded.size(),
                    SafeErrors.describe(batchError));
            afterCommit.clear();
            oneByOne = true;
            transactions.executeWithoutResult(status -> recordOneByOne(status, unrecorded, now, afterCommit));
        }
        // Recorded, refused (another worker's lease stands) or left to the lease: none is held here any more.
        held.letGo(unrecorded.stream().map(TaskResult::task).toList());
        handoff.committed(now);
        afterCommit.forEach(Runnable::run);
        int recorded = unrecorded.size();
        unrecorded.clear();
        if (oneByOne || handoff.leftWorkBehind()) {
            // Ready tasks wait in the ledger for a claim round. Otherwise every task these results made ready was handed
            // over already, and a claim round would find nothing (retries come due later: the poll interval finds them).
            events.publishEvent(WorkAvailable.TASKS);
        }
        events.publishEvent(WorkAvailable.OUTBOX);
        return recorded == batchSize || !queue.isEmpty();
    }

    /**
     * Claims the tasks these results made ready, as far as the runner has room, so they run without waiting for a
     * claim round (one commit and a wake-up less per step of a request's dependency chain).
     */
    private void claimMadeReady(List<TaskKey> madeReady, Instant now, HandoffRound handoff) {
        int room = handoff.reserve(madeReady.size());
        if (room > 0) {
            handoff.claimed(ledger.claimReady(madeReady.subList(0, room), handoff.lease(now), now));
        }
    }

    /**
     * Records each result behind a savepoint, so one the ledger refuses for good does not hold back the others. Such
     * a result is recorded as the task's failure instead (an operator replays it); if even that is refused, it is
     * left to its lease, logged, and the task runs again.
     */
    private void recordOneByOne(TransactionStatus transaction, List<TaskResult> results, Instant now,
            List<Runnable> afterCommit) {
        for (TaskResult result : results) {
            try {
                recordIsolated(transaction, result, now, afterCommit);
            } catch (RuntimeException error) {
                if (LedgerErrors.isTransient(error)) {
                    throw error;
                }
                String why = "the result could not be recorded: " + SafeErrors.describe(error);
                try {
                    recordIsolated(transaction, new TaskResult.Failed(result.task(), why, result.calls(), ErrorKind.LEDGER), now, afterCommit);
                } catch (RuntimeException again) {
                    if (LedgerErrors.isTransient(again)) {
                        throw again;
                    }
                    log.error("task {}/{}: {}; left to its lease", result.task().requestId(), result.task().resource(),
                            SafeErrors.describe(again));
                }
            }
        }
    }

    private void recordIsolated(TransactionStatus transaction, TaskResult result, Instant now, List<Runnable> afterCommit) {
        List<Runnable> ownAfterCommit = new ArrayList<>();
        outbox.isolated(transaction, () -> {
            record(List.of(result), now, ownAfterCommit);
            return null;
        });
        afterCommit.addAll(ownAfterCommit);
    }

    /** Returns the tasks the completions made ready. */
    private List<TaskKey> record(List<TaskResult> results, Instant now, List<Runnable> afterCommit) {
        Set<String> changedRequests = new TreeSet<>();
        List<TaskKey> madeReady = recordCompletions(results, now, changedRequests, afterCommit);
        for (TaskResult result : results) {
            ClaimedTask task = result.task();
            if (result instanceof TaskResult.Failed failed) {
                if (ledger.fail(task, owner, failed.error(), failed.calls() - 1, now, failed.erased())) {
                    audit.taskFailed(context(task), task.resource(), failed.attempts(), failed.error(), now);
                    changedRequests.add(task.requestId());
                    log.warn("task {}/{} failed after {} attempts: {}", task.requestId(), task.resource(),
                            failed.attempts(), failed.error());
                    afterCommit.add(() -> {
                        metrics.taskEnded(task.resource(), "FAILED");
                        errors.taskFailed(task.resource(), failed.kind(), failed.error());
                    });
                }
            } else if (result instanceof TaskResult.Retry retry) {
                ledger.reschedule(task, owner, retry.error(), retry.calls() - 1, retry.nextAttemptAt(), now, retry.erased());
                afterCommit.add(retry.turnedAway() ? () -> metrics.taskTurnedAway(task.resource())
                        : () -> metrics.taskRetried(task.resource()));
                log.info("task {}/{} waits until {} ({} attempts so far): {}", task.requestId(), task.resource(),
                        retry.nextAttemptAt(), retry.attempts(), retry.error());
            }
        }
        RequestEnding.Ended ended = ending.endIfDone(changedRequests, now);
        afterCommit.add(() -> {
            metrics.requestEnded("COMPLETED", ended.completed());
            metrics.requestEnded("FAILED", ended.failed());
            metrics.deadLettered("RETRIES_EXHAUSTED", ended.failed());
            traces.requestsEnded(ended.runs());
        });
        return madeReady;
    }

    private List<TaskKey> recordCompletions(List<TaskResult> results, Instant now, Set<String> changedRequests,
            List<Runnable> afterCommit) {
        Map<TaskKey, TaskResult.Completed> completions = new LinkedHashMap<>();
        for (TaskResult result : results) {
            if (result instanceof TaskResult.Completed completed) {
                completions.put(new TaskKey(completed.task().requestId(), completed.task().resource()), completed);
            }
        }
        List<TaskCompletion> rows = completions.values().stream().map(c -> new TaskCompletion(c.task().requestId(),
                c.task().resource(), c.task().run(), c.outcome().name(), c.items(), c.attempts())).toList();
        TaskLedger.Completions done = ledger.completeAll(rows, owner, now);
        Set<TaskKey> recorded = new HashSet<>(done.recorded());
        completions.forEach((key, completed) -> {
            if (recorded.contains(key)) {
                ClaimedTask task = completed.task();
                audit.taskCompleted(context(task), task.resource(), completed.outcome().name(), completed.items(),
                        completed.attempts(), completed.verifiedRemaining(), now);
                changedRequests.add(task.requestId());
                afterCommit.add(() -> metrics.taskEnded(task.resource(), completed.outcome().name()));
            }
        });
        return done.nowReady();
    }

    private static AuditContext context(ClaimedTask task) {
        return new AuditContext(task.requestId(), task.subjectRef(), task.run(), task.dryRun(), task.batchId());
    }

    @Override
    protected StopOrder stopOrder() {
        return StopOrder.TASK_RESULTS;
    }

    /** Hands on what this loop holds before the worker exits. */
    @Override
    protected void finishOnStop() {
        drainOnStop();
    }
}
