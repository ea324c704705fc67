package dev.lethe.ledger;

/** A valid request read from the requests topic, to be made durable. */
public record IncomingRequest(String requestId, String subjectRef, boolean dryRun, byte[] recordKey, byte[] payload) {
}
