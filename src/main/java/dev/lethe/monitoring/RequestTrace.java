package dev.lethe.monitoring;

import dev.lethe.ledger.LedgerRequest;
import dev.lethe.ledger.RequestEnding;
import dev.lethe.ledger.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One run of a request as the worker that ended it knows it from the ledger: its tasks may have run on other threads
 * or other workers, so the trace is built from recorded times, not from spans kept open while the work ran. Holds no
 * subject data: the subject is named by its subjectRef.
 *
 * @param startedAt when the run was accepted (planned)
 * @param endedAt when its terminal event was written
 * @param tasks the tasks of this run, in plan order
 */
record RequestTrace(String requestId, String subjectRef, int run, boolean dryRun, Instant startedAt,
        Instant endedAt, boolean succeeded, List<TaskSpan> tasks) {

    /** The tasks of this run only: those completed in earlier runs of a replayed request belong to those runs. */
    static RequestTrace of(RequestEnding.EndedRun ended) {
        LedgerRequest request = ended.request();
        List<TaskSpan> spans = ended.tasks().stream().filter(task -> task.run() == request.run())
                .map(task -> new TaskSpan(task.resource(), task.firstAttemptAt(),
                        task.status() == TaskStatus.PENDING ? null : task.completedAt(),
                        task.status() == TaskStatus.PENDING ? "NOT_RUN" : task.status().name(), task.outcome(),
                        task.attempts()))
                .toList();
        return new RequestTrace(request.requestId(), request.subjectRef(), request.run(), request.dryRun(),
                request.startedAt(), ended.endedAt(), ended.succeeded(), spans);
    }

    Duration duration() {
        return Duration.between(startedAt, endedAt);
    }

    /**
     * One task of the run.
     *
     * @param startedAt its first attempt, or null when it never ran (skipped, or held back by a failed dependency)
     * @param endedAt when it completed or failed, or null when it did not end
     * @param state COMPLETED, FAILED or NOT_RUN
     * @param outcome the outcome of a completed task, else null
     */
    record TaskSpan(String resource, Instant startedAt, Instant endedAt, String state, String outcome,
            int attempts) {
    }
}
