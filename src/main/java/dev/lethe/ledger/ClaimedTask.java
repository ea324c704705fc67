package dev.lethe.ledger;

import java.time.Instant;

/**
 * A task a worker holds a lease on, with what it needs to run it.
 *
 * @param attempts cleaner calls so far in this run, this one included
 * @param payload the request as received
 * @param batchId the request's batchId, null when it names none
 */
public record ClaimedTask(String requestId, String resource, int run, int attempts, Instant firstAttemptAt,
        String subjectRef, boolean dryRun, byte[] payload, String batchId) {
}
