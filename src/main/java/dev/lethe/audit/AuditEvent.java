package dev.lethe.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * One event on the audit topic. Fields that do not belong to the event's type are null and left out of the JSON.
 * Timestamps are RFC 3339 strings so that the bytes written are the bytes re-published. {@code chainHash} is null
 * until the outbox chains the event (see {@link ChainHash}), and is written last.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"schemaVersion", "eventId", "type", "requestId", "subjectRef", "occurredAt", "dryRun", "run", "batchId"})
public record AuditEvent(
        int schemaVersion,
        String eventId,
        AuditEventType type,
        String requestId,
        String subjectRef,
        String occurredAt,
        boolean dryRun,
        Integer run,
        String batchId,
        List<String> plan,
        String reason,
        String resource,
        String outcome,
        Long items,
        Integer attempts,
        String error,
        Summary summary,
        String startedAt,
        String completedAt,
        List<String> failedResources,
        List<String> notRunResources,
        String detail,
        Long verifiedRemaining,
        String executeAfter,
        String dueAt,
        String chainHash) {

    public static final int SCHEMA_VERSION = 1;

    AuditEvent withDetail(String detail) {
        return new AuditEvent(schemaVersion, eventId, type, requestId, subjectRef, occurredAt, dryRun, run, batchId, plan, reason,
                resource, outcome, items, attempts, error, summary, startedAt, completedAt, failedResources,
                notRunResources, detail, verifiedRemaining, executeAfter, dueAt, chainHash);
    }

    /** This event with {@code verifiedRemaining}: what counting again after the erasure found. */
    public AuditEvent withVerifiedRemaining(long remaining) {
        return new AuditEvent(schemaVersion, eventId, type, requestId, subjectRef, occurredAt, dryRun, run, batchId, plan, reason,
                resource, outcome, items, attempts, error, summary, startedAt, completedAt, failedResources,
                notRunResources, detail, remaining, executeAfter, dueAt, chainHash);
    }

    /** This event with {@code executeAfter} (REQUEST_ACCEPTED): no task of the request runs before it. */
    AuditEvent withExecuteAfter(String executeAfter) {
        return new AuditEvent(schemaVersion, eventId, type, requestId, subjectRef, occurredAt, dryRun, run, batchId, plan, reason,
                resource, outcome, items, attempts, error, summary, startedAt, completedAt, failedResources,
                notRunResources, detail, verifiedRemaining, executeAfter, dueAt, chainHash);
    }

    /** This event with {@code dueAt}: when its request must be done (RFC 3339). */
    AuditEvent withDueAt(String dueAt) {
        return new AuditEvent(schemaVersion, eventId, type, requestId, subjectRef, occurredAt, dryRun, run, batchId, plan, reason,
                resource, outcome, items, attempts, error, summary, startedAt, completedAt, failedResources,
                notRunResources, detail, verifiedRemaining, executeAfter, dueAt, chainHash);
    }

    /** This event with its {@code chainHash} (null: not chained yet, as it is hashed). */
    AuditEvent withChainHash(String hash) {
        return new AuditEvent(schemaVersion, eventId, type, requestId, subjectRef, occurredAt, dryRun, run, batchId, plan, reason,
                resource, outcome, items, attempts, error, summary, startedAt, completedAt, failedResources,
                notRunResources, detail, verifiedRemaining, executeAfter, dueAt, hash);
    }
}
