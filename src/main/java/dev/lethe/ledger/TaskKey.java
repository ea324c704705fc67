package dev.lethe.ledger;

/** Names one task: a resource of a request. */
public record TaskKey(String requestId, String resource) {
}
