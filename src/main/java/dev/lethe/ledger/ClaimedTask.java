package dev.lethe.ledger;

import java.time.Instant;

/**
 * A task a worker holds a lease on, with what it needs to run it.
 *
 * @param attempts cleaner calls so far in this run, this one included
 * @param payload the request as received
 * @param batchId the request's batchId, null when it names none
 * @param erasedEarlier items earlier attempts (of this run or, for a replayed task, an earlier one) erased before
 *     counting again found some left (verification): the task's {@code items} add them, so a retried erasure reports
 *     all it erased, not only its last attempt's
 */
public record ClaimedTask(String requestId, String resource, int run, int attempts, Instant firstAttemptAt,
        String subjectRef, boolean dryRun, byte[] payload, String batchId, long erasedEarlier) {
}
