package dev.lethe.ledger;

/** A request claimed for planning. */
public record ReceivedRequest(String requestId, String subjectRef, int run, boolean dryRun, byte[] payload) {
}
