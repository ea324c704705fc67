package dev.lethe.ledger;

import java.time.Instant;

/**
 * One resource of one request, as the ledger holds it.
 *
 * @param waitingOn dependencies in the plan that have not completed; the task is ready when it is 0
 */
public record LedgerTask(
        String requestId,
        String resource,
        int position,
        TaskStatus status,
        int run,
        int attempts,
        int waitingOn,
        String outcome,
        Long items,
        String lastError,
        Instant nextAttemptAt,
        Instant firstAttemptAt,
        String leaseOwner,
        Instant leaseExpiresAt,
        Instant completedAt) {
}
