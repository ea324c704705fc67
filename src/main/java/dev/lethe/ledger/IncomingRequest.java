package dev.lethe.ledger;

import java.time.Instant;

/**
 * A valid request read from the requests topic, to be made durable.
 *
 * @param planKey what the request asks for beyond its subject (mode, dry run, scope), see {@code PlanKey}
 * @param origin where the record was read: topic-partition@offset
 * @param batchId the request's batchId, null when it names none; a re-sent failed request takes the new record's
 * @param executeAfter no task runs before it (a grace period), null when there is none
 * @param requestedAt when the sender asked, null when the request does not say: the deadline counts from it
 */
public record IncomingRequest(String requestId, String subjectRef, String planKey, boolean dryRun, byte[] recordKey,
        byte[] payload, String origin, String batchId, Instant executeAfter, Instant requestedAt) {
}
