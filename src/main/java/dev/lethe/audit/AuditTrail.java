package dev.lethe.audit;

import static dev.lethe.audit.AuditEventType.REQUEST_ACCEPTED;
import static dev.lethe.audit.AuditEventType.REQUEST_CANCELLED;
import static dev.lethe.audit.AuditEventType.REQUEST_COMPLETED;
import static dev.lethe.audit.AuditEventType.REQUEST_FAILED;
import static dev.lethe.audit.AuditEventType.REQUEST_OVERDUE;
import static dev.lethe.audit.AuditEventType.REQUEST_REJECTED;
import static dev.lethe.audit.AuditEventType.TASK_COMPLETED;
import static dev.lethe.audit.AuditEventType.TASK_FAILED;

import java.time.Instant;
import java.util.List;

/**
 * Writes the contract's audit events to the outbox, one method per event type. Called inside the ledger
 * transaction that makes the change the event reports. Every event written here is chained ({@code chainHash}) by
 * the outbox when the transaction commits: a new event type needs nothing more than its method.
 */
public class AuditTrail {

    private final Outbox outbox;
    private final String topic;

    AuditTrail(Outbox outbox, String topic) {
        this.outbox = outbox;
        this.topic = topic;
    }

    /**
     * @param executeAfter no task of the request runs before it (a grace period), or null when there is none
     * @param dueAt when the request must be done; null only for a request ended before deadlines were recorded
     */
    public void requestAccepted(AuditContext context, List<String> plan, Instant executeAfter, Instant dueAt, Instant at) {
        AuditEvent event = event(context, REQUEST_ACCEPTED, null, at, plan, null, null, null, null, null, null, null, null,
                null).withDueAt(dueAt == null ? null : dueAt.toString());
        write(executeAfter == null ? event : event.withExecuteAfter(executeAfter.toString()));
    }

    /** Terminal: the request was cancelled before any of its tasks started. */
    public void requestCancelled(AuditContext context, Instant at) {
        write(event(context, REQUEST_CANCELLED, null, at, null, null, null, null, null, null, null, null, null, null));
    }

    /** The request was still open at {@code dueAt}; written once per request, whatever its run. */
    public void requestOverdue(AuditContext context, Instant dueAt, Instant at) {
        write(event(context, REQUEST_OVERDUE, null, at, null, null, null, null, null, null, null, null, null, null)
                .withDueAt(dueAt.toString()));
    }

    /** @param detail one line without subject data saying more than the reason, or null */
    public void requestRejected(AuditContext context, String reason, String detail, Instant at) {
        write(event(context, REQUEST_REJECTED, null, at, null, reason, null, null, null, null, null, null, null, null)
                .withDetail(detail));
    }

    /** @param verifiedRemaining what counting again after the erasure found, or null where it was not counted */
    public void taskCompleted(AuditContext context, String resource, String outcome, long items, int attempts,
            Long verifiedRemaining, Instant at) {
        AuditEvent event = event(context, TASK_COMPLETED, resource, at, null, null, outcome, items, attempts, null, null,
                null, null, null);
        write(verifiedRemaining == null ? event : event.withVerifiedRemaining(verifiedRemaining));
    }

    public void taskFailed(AuditContext context, String resource, int attempts, String error, Instant at) {
        write(event(context, TASK_FAILED, resource, at, null, null, null, null, attempts, error, null, null, null, null));
    }

    public void requestCompleted(AuditContext context, Summary summary, Instant startedAt, Instant at) {
        write(event(context, REQUEST_COMPLETED, null, at, null, null, null, null, null, null, summary,
                startedAt.toString(), null, null));
    }

    public void requestFailed(AuditContext context, Summary summary, List<String> failed, List<String> notRun, Instant at) {
        write(event(context, REQUEST_FAILED, null, at, null, null, null, null, null, null, summary, null, failed, notRun));
    }

    private void write(AuditEvent event) {
        outbox.appendEvent(topic, event);
    }

    private static AuditEvent event(AuditContext context, AuditEventType type, String resource, Instant at,
            List<String> plan, String reason, String outcome, Long items, Integer attempts, String error,
            Summary summary, String startedAt, List<String> failed, List<String> notRun) {
        String completedAt = type == REQUEST_COMPLETED ? at.toString() : null;
        return new AuditEvent(AuditEvent.SCHEMA_VERSION, EventIds.of(context.requestId(), context.run(), type, resource).toString(),
                type, context.requestId(), context.subjectRef(), at.toString(), context.dryRun(), context.run(),
                context.batchId(), plan, reason, resource, outcome, items, attempts, error, summary, startedAt, completedAt, failed,
                notRun == null || notRun.isEmpty() ? null : notRun, null, null, null, null, null);
    }
}
