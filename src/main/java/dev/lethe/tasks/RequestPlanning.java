package dev.lethe.tasks;

import dev.lethe.audit.AuditContext;
import dev.lethe.audit.AuditTrail;
import dev.lethe.intake.DeletionRequest;
import dev.lethe.intake.RequestParser;
import dev.lethe.ledger.PollingLoop;
import dev.lethe.ledger.ReceivedRequest;
import dev.lethe.ledger.RequestLedger;
import dev.lethe.ledger.WorkAvailable;
import dev.lethe.plan.PlanDecision;
import dev.lethe.plan.PlannedTask;
import dev.lethe.plan.Planner;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns RECEIVED requests into tasks (or rejections), a batch per transaction, writing REQUEST_ACCEPTED or
 * REQUEST_REJECTED with the change. A protection check that cannot reach its database rolls the batch back; it
 * is planned again on the next round.
 */
class RequestPlanning extends PollingLoop {

    private static final Logger log = LoggerFactory.getLogger(RequestPlanning.class);

    private final RequestLedger ledger;
    private final Planner planner;
    private final RequestParser parser;
    private final AuditTrail audit;
    private final RequestEnding ending;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final int batchSize;

    RequestPlanning(RequestLedger ledger, Planner planner, RequestParser parser, AuditTrail audit, RequestEnding ending,
            TransactionTemplate transactions, ApplicationEventPublisher events, Clock clock, TaskProperties properties) {
        super("planning", properties.pollInterval());
        this.ledger = ledger;
        this.planner = planner;
        this.parser = parser;
        this.audit = audit;
        this.ending = ending;
        this.transactions = transactions;
        this.events = events;
        this.clock = clock;
        this.batchSize = properties.planningBatch();
    }

    @EventListener(condition = "#event.stage() == T(dev.lethe.ledger.WorkAvailable.Stage).PLANNING")
    void onWorkAvailable(WorkAvailable event) {
        wake();
    }

    @Override
    protected boolean runOnce() {
        Integer planned = transactions.execute(status -> {
            List<ReceivedRequest> received = ledger.claimReceived(batchSize);
            received.forEach(this::plan);
            return received.size();
        });
        if (planned != null && planned > 0) {
            events.publishEvent(WorkAvailable.TASKS);
            events.publishEvent(WorkAvailable.OUTBOX);
        }
        return planned != null && planned == batchSize;
    }

    private void plan(ReceivedRequest received) {
        Instant now = clock.instant();
        DeletionRequest request = parser.readValidated(received.payload());
        AuditContext context = new AuditContext(received.requestId(), received.subjectRef(), received.run(), received.dryRun());
        PlanDecision decision = planner.plan(request);
        if (decision instanceof PlanDecision.Rejected rejected) {
            ledger.reject(received.requestId(), now);
            audit.requestRejected(context, rejected.reason().name(), now);
            log.info("request {} rejected: {}", received.requestId(), rejected.reason());
            return;
        }
        PlanDecision.Accepted accepted = (PlanDecision.Accepted) decision;
        if (received.run() == 1) {
            ledger.accept(received.requestId(), 1, accepted.tasks(), now);
            audit.requestAccepted(context, accepted.resourceNames(), now);
            for (PlannedTask task : accepted.tasks()) {
                if (task.skipped()) {
                    audit.taskCompleted(context, task.resource(), TaskOutcome.SKIPPED.name(), 0, 0, now);
                }
            }
        } else {
            // A replayed failed request: only what did not complete runs again.
            List<String> remaining = ledger.unfinishedResources(received.requestId());
            ledger.accept(received.requestId(), received.run(), List.of(), now);
            audit.requestAccepted(context, remaining, now);
        }
        log.info("request {} accepted (run {})", received.requestId(), received.run());
        ending.endIfDone(received.requestId(), now);
    }
}
