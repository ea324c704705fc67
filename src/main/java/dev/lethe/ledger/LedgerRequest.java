package dev.lethe.ledger;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A request as the ledger holds it. {@code recordKey} and {@code payload} (the record as received) are erased
 * when the request ends, so the ledger keeps no subject data beyond the work. {@code origin} is where the record was
 * read (topic-partition@offset), null for requests received before it was kept. {@code batchId} is the request's
 * batchId, null when it names none; kept when the request ends.
 */
@Table("deletion_request")
public record LedgerRequest(
        @Id String requestId,
        String subjectRef,
        RequestStatus status,
        int run,
        boolean dryRun,
        byte[] recordKey,
        byte[] payload,
        Instant receivedAt,
        Instant startedAt,
        Instant finishedAt,
        Instant updatedAt,
        String origin,
        String batchId) {
}
