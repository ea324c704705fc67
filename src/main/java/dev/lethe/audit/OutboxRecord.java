package dev.lethe.audit;

import java.time.Instant;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A record waiting to be published, written in the same transaction as the state change it reports.
 *
 * @param eventId the audit event's id; null for dead-letter records
 * @param headers record headers as a JSON object of strings, or null
 */
@Table("outbox")
public record OutboxRecord(@Id Long id, UUID eventId, String topic, byte[] recordKey, byte[] payload, String headers,
        String requestId, Instant createdAt) {
}
