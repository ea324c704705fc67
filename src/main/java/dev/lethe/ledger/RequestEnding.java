package dev.lethe.ledger;

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
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends requests once none of their tasks can make progress: REQUEST_COMPLETED, or REQUEST_FAILED plus the record on
 * the dead-letter topic. The request rows are locked first, so of two transactions finishing tasks of one request
 * at the same time, exactly one writes the terminal event.
 */
public class RequestEnding {

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

    /**
     * How many requests a call ended, and the runs they ended with, for reports sent once the transaction committed
     * (a rolled-back end never happened).
     */
    public record Ended(int completed, int failed, List<EndedRun> runs) {
        static final Ended NONE = new Ended(0, 0, List.of());
    }

    /**
     * A run of a request as it ended, from the ledger rows read to end it.
     *
     * @param tasks every task of the request, in plan order (those completed in earlier runs too)
     */
    public record EndedRun(LedgerRequest request, List<LedgerTask> tasks, boolean succeeded, Instant endedAt) {
    }

    /** Must run inside the transaction that recorded the last changes to these requests' tasks. */
    public Ended endIfDone(Collection<String> requestIds, Instant now) {
        if (requestIds.isEmpty()) {
            return Ended.NONE;
        }
        List<LedgerRequest> running = requests.lockRunning(requestIds);
        if (running.isEmpty()) {
            return Ended.NONE;
        }
        // Asked after the request rows are locked, so that of two workers recording a request's last tasks at once, the
        // one that locks second sees both and ends it. Only the tasks of requests that ended are read (5 rows where
        // reading every touched request's took 17 per request); RequestProgress judges them again from those rows,
        // which nothing can make active meanwhile (a rerun needs the request row's lock).
        Set<String> haveEnded = Set.copyOf(tasks.endedAmong(running.stream().map(LedgerRequest::requestId).toList()));
        if (haveEnded.isEmpty()) {
            return Ended.NONE;
        }
        Map<String, List<LedgerTask>> tasksByRequest = tasks.tasksOf(haveEnded)
                .stream().collect(Collectors.groupingBy(LedgerTask::requestId));
        running = running.stream().filter(request -> haveEnded.contains(request.requestId())).toList();
        List<String> completed = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        List<EndedRun> ended = new ArrayList<>();
        for (LedgerRequest request : running) {
            List<LedgerTask> taskRows = tasksByRequest.getOrDefault(request.requestId(), List.of());
            RequestProgress progress = RequestProgress.of(taskRows);
            if (progress.ended()) {
                end(request, taskRows, progress, now);
                (progress.succeeded() ? completed : failed).add(request.requestId());
                ended.add(new EndedRun(request, taskRows, progress.succeeded(), now));
            }
        }
        requests.finishAll(completed, RequestStatus.COMPLETED, now);
        requests.finishAll(failed, RequestStatus.FAILED, now);
        return new Ended(completed.size(), failed.size(), ended);
    }

    private void end(LedgerRequest request, List<LedgerTask> taskRows, RequestProgress progress, Instant now) {
        AuditContext context = new AuditContext(request.requestId(), request.subjectRef(), request.run(), request.dryRun(),
                request.batchId());
        Summary summary = summaryOf(taskRows);
        if (progress.succeeded()) {
            audit.requestCompleted(context, summary, request.startedAt(), now);
            log.debug("request {} completed: {} items", request.requestId(), summary.totalItems());
        } else {
            deadLetters.retriesExhausted(request.requestId(), request.recordKey(), request.payload(), request.origin(),
                    progress.failed(), failureDetail(taskRows));
            audit.requestFailed(context, summary, progress.failed(), progress.notRun(), now);
            log.warn("request {} failed: {} did not complete", request.requestId(), progress.failed());
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
