package dev.lethe.ledger;

/** A request claimed for planning. {@code batchId} is null when the request names none. */
public record ReceivedRequest(String requestId, String subjectRef, int run, boolean dryRun, byte[] payload,
        String batchId) {
}
