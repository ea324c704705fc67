package dev.lethe.ledger;

import java.time.Instant;

/**
 * A request claimed for planning. {@code batchId} is null when the request names none; {@code executeAfter} (no task
 * runs before it) is null when there is no grace period; {@code dueAt} is when it must be done (null only for a request
 * that ended before deadlines were recorded and was re-sent).
 */
public record ReceivedRequest(String requestId, String subjectRef, int run, boolean dryRun, byte[] payload,
        String batchId, Instant executeAfter, Instant dueAt) {
}
