package dev.lethe.tasks;

import dev.lethe.audit.AuditContext;
import dev.lethe.audit.AuditTrail;
import dev.lethe.ledger.ClaimedTask;
import dev.lethe.ledger.TaskLedger;
import dev.lethe.ledger.WorkAvailable;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records what a task run came to, with its audit event, in one ledger transaction. A worker that lost its lease
 * (it was too slow and another took over) records nothing: the other worker's result stands.
 */
class TaskOutcomes {

    private static final Logger log = LoggerFactory.getLogger(TaskOutcomes.class);

    private final TaskLedger ledger;
    private final AuditTrail audit;
    private final RequestEnding ending;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final String owner;

    TaskOutcomes(TaskLedger ledger, AuditTrail audit, RequestEnding ending, TransactionTemplate transactions,
            ApplicationEventPublisher events, Clock clock, WorkerIdentity worker) {
        this.ledger = ledger;
        this.audit = audit;
        this.ending = ending;
        this.transactions = transactions;
        this.events = events;
        this.clock = clock;
        this.owner = worker.name();
    }

    void completed(ClaimedTask task, TaskOutcome outcome, long items) {
        Instant now = clock.instant();
        transactions.executeWithoutResult(status -> {
            if (ledger.complete(task, owner, outcome.name(), items, 0, now)) {
                audit.taskCompleted(context(task), task.resource(), outcome.name(), items, task.attempts(), now);
                ending.endIfDone(task.requestId(), now);
            }
        });
        log.debug("task {}/{} {}: {} items", task.requestId(), task.resource(), outcome, items);
        signalProgress();
    }

    void failed(ClaimedTask task, String error) {
        Instant now = clock.instant();
        transactions.executeWithoutResult(status -> {
            if (ledger.fail(task, owner, error, 0, now)) {
                audit.taskFailed(context(task), task.resource(), task.attempts(), error, now);
                ending.endIfDone(task.requestId(), now);
            }
        });
        log.warn("task {}/{} failed after {} attempts: {}", task.requestId(), task.resource(), task.attempts(), error);
        signalProgress();
    }

    void rescheduled(ClaimedTask task, String error, Instant nextAttemptAt) {
        ledger.reschedule(task, owner, error, 0, nextAttemptAt, clock.instant());
        log.info("task {}/{} attempt {} failed, next at {}: {}", task.requestId(), task.resource(), task.attempts(),
                nextAttemptAt, error);
    }

    private static AuditContext context(ClaimedTask task) {
        return new AuditContext(task.requestId(), task.subjectRef(), task.run(), task.dryRun());
    }

    private void signalProgress() {
        events.publishEvent(WorkAvailable.TASKS);
        events.publishEvent(WorkAvailable.OUTBOX);
    }
}
