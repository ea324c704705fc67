package dev.lethe.tasks;

import dev.lethe.audit.AuditContext;
import dev.lethe.audit.AuditTrail;
import dev.lethe.audit.Summary;
import dev.lethe.deadletter.FailedRequestDeadLetters;
import dev.lethe.ledger.LedgerRequest;
import dev.lethe.ledger.LedgerTask;
import dev.lethe.ledger.RequestLedger;
import dev.lethe.ledger.RequestProgress;
import dev.lethe.ledger.RequestStatus;
import dev.lethe.ledger.TaskLedger;
import dev.lethe.ledger.TaskStatus;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends a request once none of its tasks can make progress: REQUEST_COMPLETED, or REQUEST_FAILED plus its record
 * on the dead-letter topic. The request row is locked first, so of two tasks finishing together exactly one
 * transaction writes the terminal event.
 */
class RequestEnding {

    private static final Logger log = LoggerFactory.getLogger(RequestEnding.class);

    private final RequestLedger requests;
    private final TaskLedger tasks;
    private final AuditTrail audit;
    private final FailedRequestDeadLetters deadLetters;

    RequestEnding(RequestLedger requests, TaskLedger tasks, AuditTrail audit, FailedRequestDeadLetters deadLetters) {
        this.requests = requests;
        this.tasks = tasks;
        this.audit = audit;
        this.deadLetters = deadLetters;
    }

    /** Must run inside the transaction that recorded the last change to the request's tasks. */
    void endIfDone(String requestId, Instant now) {
        LedgerRequest request = requests.lock(requestId).orElseThrow();
        if (request.status() != RequestStatus.RUNNING) {
            return;
        }
        List<LedgerTask> taskRows = tasks.tasksOf(requestId);
        RequestProgress progress = RequestProgress.of(taskRows, tasks.dependenciesOf(requestId));
        if (!progress.ended()) {
            return;
        }
        AuditContext context = new AuditContext(requestId, request.subjectRef(), request.run(), request.dryRun());
        Summary summary = summaryOf(taskRows);
        if (progress.succeeded()) {
            requests.finish(requestId, RequestStatus.COMPLETED, now);
            audit.requestCompleted(context, summary, request.startedAt(), now);
            log.info("request {} completed: {} items", requestId, summary.totalItems());
        } else {
            deadLetters.retriesExhausted(requestId, request.recordKey(), request.payload(), progress.failed(),
                    failureDetail(taskRows));
            requests.finish(requestId, RequestStatus.FAILED, now);
            audit.requestFailed(context, summary, progress.failed(), progress.notRun(), now);
            log.warn("request {} failed: {} did not complete", requestId, progress.failed());
        }
    }

    private static Summary summaryOf(List<LedgerTask> taskRows) {
        Map<String, Summary.ResourceResult> resources = new LinkedHashMap<>();
        long total = 0;
        for (LedgerTask task : taskRows) {
            if (task.status() == TaskStatus.COMPLETED) {
                long items = task.items() == null ? 0 : task.items();
                resources.put(task.resource(), new Summary.ResourceResult(task.outcome(), items));
                total += items;
            }
        }
        return new Summary(resources, total);
    }

    private static String failureDetail(List<LedgerTask> taskRows) {
        return taskRows.stream().filter(task -> task.status() == TaskStatus.FAILED).findFirst()
                .map(task -> task.resource() + " failed after " + task.attempts() + " attempts: " + task.lastError())
                .orElse("a task failed");
    }
}
