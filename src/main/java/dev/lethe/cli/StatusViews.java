package dev.lethe.cli;

import dev.lethe.ledger.RequestStatus;
import dev.lethe.ledger.TaskStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What {@code lethe status} reads from the ledger. Printed as they are by {@code --json}: the component names are the
 * JSON field names scripts rely on (README, "Looking up a request, a batch or a subject"), so renaming one is a
 * breaking change. Absent values are {@code null}, never left out. No view holds a raw subject id or tenant.
 */
final class StatusViews {

    private StatusViews() {
    }

    /**
     * One request and its plan. {@code tasks} is in plan order, empty for a request not (yet) planned or rejected.
     *
     * @param executeAfter no task runs before it (a grace period); null when none
     * @param dueAt when it must be done (lethe.compliance.deadline); null for requests from before deadlines existed
     * @param overdueAt when it was found still open at dueAt (REQUEST_OVERDUE written); null when not
     */
    record RequestView(String requestId, String subjectRef, String batchId, RequestStatus status, int run, boolean dryRun,
            Instant receivedAt, Instant startedAt, Instant finishedAt, Instant executeAfter, Instant dueAt,
            Instant overdueAt, List<TaskView> tasks) {

        RequestView withTasks(List<TaskView> planned) {
            return new RequestView(requestId, subjectRef, batchId, status, run, dryRun, receivedAt, startedAt, finishedAt,
                    executeAfter, dueAt, overdueAt, planned);
        }
    }

    /**
     * One resource of a request's plan.
     *
     * @param run the run that last reset or ran the task (a task completed before a replay keeps its run)
     * @param attempts cleaner calls in that run
     * @param outcome null until the task completed
     * @param items what the task erased: null until it completed, or until an attempt erased items that counting again
     *     found written back (verification), after which it is what its attempts erased so far
     * @param lastError the last failure, one line without subject data; null when none
     * @param nextAttemptAt when a PENDING task that waits for nothing runs next; null otherwise
     * @param waitingFor dependencies in the plan that have not completed
     */
    record TaskView(String resource, TaskStatus status, int run, int attempts, String outcome, Long items,
            String lastError, Instant nextAttemptAt, Instant completedAt, List<String> dependsOn,
            List<String> waitingFor) {
    }

    /**
     * The requests sent under one batchId.
     *
     * @param requestsByStatus every request status, 0 included
     * @param tasksByStatus every task status, 0 included
     * @param outcomes the completed tasks by outcome, only outcomes that occur
     * @param items items of every completed task
     * @param failedRequests the FAILED requests with what failed and what it held back
     */
    record BatchView(String batchId, int requests, Map<RequestStatus, Integer> requestsByStatus,
            Map<TaskStatus, Integer> tasksByStatus, Map<String, OutcomeCount> outcomes, long items,
            List<FailedRequest> failedRequests) {
    }

    record OutcomeCount(int tasks, long items) {
    }

    /** @param notRunResources held back by a failed dependency */
    record FailedRequest(String requestId, String subjectRef, int run, List<FailedTask> failedResources,
            List<String> notRunResources) {
    }

    record FailedTask(String resource, int attempts, String error) {
    }

    /** Every request of one subject, oldest first. */
    record SubjectView(String subjectRef, List<SubjectRequest> requests) {
    }

    record SubjectRequest(String requestId, RequestStatus status, int run, boolean dryRun, String batchId,
            Instant receivedAt, Instant finishedAt) {
    }
}
