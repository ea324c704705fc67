package dev.lethe.ledger;

import java.time.Instant;

/** A request the sweep found still open after it was due, now marked so that it is reported once. */
public record OverdueRequest(String requestId, String subjectRef, int run, boolean dryRun, String batchId, Instant dueAt) {
}
