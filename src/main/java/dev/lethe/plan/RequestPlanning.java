package dev.lethe.plan;

import dev.lethe.audit.AuditContext;
import dev.lethe.audit.AuditTrail;
import dev.lethe.audit.Outbox;
import dev.lethe.faults.CrashPoint;
import dev.lethe.faults.CrashPoints;
import dev.lethe.intake.RequestParser;
import dev.lethe.ledger.LedgerErrors;
import dev.lethe.core.PollingLoop;
import dev.lethe.ledger.ReceivedRequest;
import dev.lethe.ledger.RequestEnding;
import dev.lethe.ledger.ClaimedTask;
import dev.lethe.ledger.HandoffRound;
import dev.lethe.ledger.RequestLedger;
import dev.lethe.ledger.TaskHandoff;
import dev.lethe.ledger.TaskKey;
import dev.lethe.core.StageHealth;
import dev.lethe.core.TaskOutcome;
import dev.lethe.core.WorkAvailable;
import dev.lethe.monitoring.LetheMetrics;
import dev.lethe.monitoring.RequestTraces;
import dev.lethe.ledger.PlannedTask;
import dev.lethe.core.SafeErrors;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns RECEIVED requests into tasks (or rejections), a batch per transaction with the task rows written as JDBC
 * batches, writing REQUEST_ACCEPTED or REQUEST_REJECTED with the change. A transient error (the ledger or the
 * protection database unreachable) rolls the batch back and it is planned again on the next round; any other error is
 * isolated to the request it belongs to, which is rejected, so no request can hold back the ones behind it.
 */
public class RequestPlanning extends PollingLoop {

    private static final Logger log = LoggerFactory.getLogger(RequestPlanning.class);

    private final RequestLedger ledger;
    private final Planner planner;
    private final RequestParser parser;
    private final AuditTrail audit;
    private final Outbox outbox;
    private final RequestEnding ending;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final int batchSize;
    private final LetheMetrics metrics;
    private final RequestTraces traces;
    private final TaskHandoff runner;

    /**
     * @param pollInterval how often the ledger is polled when no in-process signal arrived ({@code lethe.tasks})
     * @param batchSize most received requests planned in one transaction ({@code lethe.tasks.planning-batch})
     * @param runner this worker's task runner: a request's ready tasks are claimed for it as they are planned
     */
    public RequestPlanning(RequestLedger ledger, Planner planner, RequestParser parser, AuditTrail audit, Outbox outbox,
            RequestEnding ending, TransactionTemplate transactions, ApplicationEventPublisher events, Clock clock,
            Duration pollInterval, int batchSize, LetheMetrics metrics, RequestTraces traces, StageHealth health,
            TaskHandoff runner) {
        super("planning", pollInterval, health);
        this.ledger = ledger;
        this.planner = planner;
        this.parser = parser;
        this.audit = audit;
        this.outbox = outbox;
        this.ending = ending;
        this.transactions = transactions;
        this.events = events;
        this.clock = clock;
        this.batchSize = batchSize;
        this.metrics = metrics;
        this.traces = traces;
        this.runner = runner;
    }

    @EventListener
    void onWorkAvailable(WorkAvailable event) {
        if (event.stage() == WorkAvailable.Stage.PLANNING) {
            wake();
        }
    }

    @Override
    protected boolean runOnce() {
        List<Runnable> afterCommit = new ArrayList<>();
        HandoffRound handoff = new HandoffRound(runner);
        Instant claimedAt = clock.instant();
        Integer planned;
        boolean oneByOne = false;
        try {
            planned = transactions.execute(status -> planBatch(ledger.claimReceived(batchSize), afterCommit, handoff));
        } catch (RuntimeException batchError) {
            handoff.rolledBack();
            if (LedgerErrors.isTransient(batchError)) {
                throw batchError;
            }
            log.warn("planning a batch failed ({}): planning its requests one by one", SafeErrors.describe(batchError));
            afterCommit.clear();
            oneByOne = true;
            planned = transactions.execute(status -> planOneByOne(status, ledger.claimReceived(batchSize), afterCommit));
        }
        if (planned != null && planned > 0) {
            CrashPoints.reach(CrashPoint.PLANNING_AFTER_COMMIT);
        }
        handoff.committed(claimedAt);
        afterCommit.forEach(Runnable::run);
        if (planned != null && planned > 0) {
            if (oneByOne || handoff.leftWorkBehind()) {
                // Tasks wait in the ledger for a claim round; otherwise every ready task was handed to the runner.
                events.publishEvent(WorkAvailable.TASKS);
            }
            events.publishEvent(WorkAvailable.OUTBOX);
        }
        return planned != null && planned == batchSize;
    }

    /**
     * Plans each request behind a savepoint of one transaction, so that a request whose planning fails for good is
     * rejected alone ({@code PLANNING_FAILED}) and the others are planned. A transient error still fails the round.
     */
    private int planOneByOne(TransactionStatus transaction, List<ReceivedRequest> received, List<Runnable> afterCommit) {
        for (ReceivedRequest request : received) {
            List<Runnable> ownAfterCommit = new ArrayList<>();
            try {
                // No handoff here: a savepoint that rolls back would take its claims with it.
                outbox.isolated(transaction, () -> planBatch(List.of(request), ownAfterCommit, null));
                afterCommit.addAll(ownAfterCommit);
            } catch (RuntimeException error) {
                if (LedgerErrors.isTransient(error)) {
                    throw error;
                }
                rejectUnplannable(request, error, afterCommit);
            }
        }
        return received.size();
    }

    private void rejectUnplannable(ReceivedRequest request, RuntimeException error, List<Runnable> afterCommit) {
        Instant now = clock.instant();
        AuditContext context = new AuditContext(request.requestId(), request.subjectRef(), request.run(), request.dryRun(),
                request.batchId());
        ledger.rejectAll(List.of(request.requestId()), now);
        audit.requestRejected(context, RejectionReason.PLANNING_FAILED.name(), null, now);
        log.warn("request {} rejected: planning failed for good: {}", request.requestId(), SafeErrors.describe(error));
        afterCommit.add(() -> metrics.requestEnded("REJECTED", 1));
    }

    /** @param handoff where ready tasks are claimed for this worker's runner; null: they wait for a claim round */
    private int planBatch(List<ReceivedRequest> received, List<Runnable> afterCommit, HandoffRound handoff) {
        Instant now = clock.instant();
        Map<String, ReceivedRequest> receivedById = new LinkedHashMap<>();
        Map<String, List<PlannedTask>> firstRuns = new LinkedHashMap<>();
        Map<String, Instant> inGracePeriod = new LinkedHashMap<>();
        List<String> rejected = new ArrayList<>();
        List<String> nothingToRun = new ArrayList<>();
        for (ReceivedRequest request : received) {
            receivedById.put(request.requestId(), request);
            AuditContext context = new AuditContext(request.requestId(), request.subjectRef(), request.run(), request.dryRun(),
                    request.batchId());
            PlanDecision decision = planner.plan(parser.readValidated(request.payload()));
            if (decision instanceof PlanDecision.Rejected rejection) {
                rejected.add(request.requestId());
                audit.requestRejected(context, rejection.reason().name(), rejection.detail(), now);
                log.debug("request {} rejected: {}{}", request.requestId(), rejection.reason(),
                        rejection.detail() == null ? "" : " (" + rejection.detail() + ")");
            } else if (request.run() == 1) {
                List<PlannedTask> tasks = ((PlanDecision.Accepted) decision).tasks();
                firstRuns.put(request.requestId(), tasks);
                if (request.executeAfter() != null && request.executeAfter().isAfter(now)) {
                    inGracePeriod.put(request.requestId(), request.executeAfter());
                }
                audit.requestAccepted(context, ((PlanDecision.Accepted) decision).resourceNames(), request.executeAfter(),
                        request.dueAt(), now);
                // Planned COMPLETED, never run: the task runner never sees them, so they are counted here.
                tasks.stream().filter(PlannedTask::skipped).forEach(task -> {
                    audit.taskCompleted(context, task.resource(), TaskOutcome.SKIPPED.name(), 0, 0, null, now);
                    afterCommit.add(() -> metrics.taskEnded(task.resource(), TaskOutcome.SKIPPED.name()));
                });
                if (tasks.stream().allMatch(PlannedTask::skipped)) {
                    nothingToRun.add(request.requestId());
                }
                log.debug("request {} accepted", request.requestId());
            } else {
                // A replayed failed request: only what did not complete runs again, at once (a grace period is for
                // the first run, before anything was erased; a cancel is too late after it).
                List<String> remaining = ledger.unfinishedResources(request.requestId());
                ledger.acceptRerun(request.requestId(), request.run(), now);
                // Its tasks are left to the claim loop (a rerun is rare; they are not handed over).
                afterCommit.add(() -> events.publishEvent(WorkAvailable.TASKS));
                audit.requestAccepted(context, remaining, null, request.dueAt(), now);
                log.info("request {} accepted again (run {}): {}", request.requestId(), request.run(), remaining);
            }
        }
        ledger.rejectAll(rejected, now);
        List<ClaimedTask> claimNow = handoff == null ? List.of()
                : claimReady(firstRuns, inGracePeriod.keySet(), receivedById, now, handoff);
        ledger.acceptFirstRuns(firstRuns, inGracePeriod, now,
                claimNow.stream().map(task -> new TaskKey(task.requestId(), task.resource())).collect(Collectors.toSet()),
                handoff == null ? null : handoff.lease(now));
        if (handoff != null) {
            handoff.claimed(claimNow);
        }
        RequestEnding.Ended ended = ending.endIfDone(nothingToRun, now);
        afterCommit.add(() -> {
            metrics.requestEnded("REJECTED", rejected.size());
            metrics.requestEnded("COMPLETED", ended.completed());
            traces.requestsEnded(ended.runs());
        });
        return received.size();
    }

    /**
     * The tasks of first runs that wait for nothing, as many as the runner has room for, as claims to write with
     * the plan: they start as soon as it commits, without a claim round. Tasks of a request in its grace period are
     * never claimed here: they become due at its executeAfter, and until a claim takes one a cancel can still stop it.
     */
    private static List<ClaimedTask> claimReady(Map<String, List<PlannedTask>> firstRuns, Set<String> inGracePeriod,
            Map<String, ReceivedRequest> receivedById, Instant now, HandoffRound handoff) {
        List<ClaimedTask> ready = new ArrayList<>();
        firstRuns.forEach((requestId, tasks) -> {
            if (inGracePeriod.contains(requestId)) {
                return;
            }
            Set<String> skipped = PlannedTask.skippedOf(tasks);
            ReceivedRequest request = receivedById.get(requestId);
            for (PlannedTask task : tasks) {
                if (task.readyAtOnce(skipped)) {
                    ready.add(new ClaimedTask(requestId, task.resource(), 1, 1, now, request.subjectRef(), request.dryRun(),
                            request.payload(), request.batchId(), 0));
                }
            }
        });
        int room = handoff.reserve(ready.size());
        return ready.subList(0, room);
    }

    @Override
    protected StopOrder stopOrder() {
        return StopOrder.PLANNING;
    }
}
