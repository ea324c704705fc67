package dev.lethe.ledger;

import java.time.Instant;

/** One resource of one request, as the ledger holds it. */
public record LedgerTask(
        String requestId,
        String resource,
        int position,
        TaskStatus status,
        int run,
        int attempts,
        String outcome,
        Long items,
        String lastError,
        Instant nextAttemptAt,
        Instant firstAttemptAt,
        String leaseOwner,
        Instant leaseExpiresAt,
        Instant completedAt) {
}
