package dev.lethe.audit;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** Appends records to the outbox inside the caller's ledger transaction. */
public class Outbox {

    private final OutboxRepository repository;
    private final JsonMapper json;
    private final Clock clock;

    Outbox(OutboxRepository repository, JsonMapper json, Clock clock) {
        this.repository = repository;
        this.json = json;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void append(String topic, String requestId, UUID eventId, byte[] key, byte[] payload, Map<String, String> headers) {
        String headersJson = headers.isEmpty() ? null : json.writeValueAsString(headers);
        repository.save(new OutboxRecord(null, eventId, topic, key, payload, headersJson, requestId, clock.instant()));
    }

    void appendEvent(String topic, AuditEvent event) {
        append(topic, event.requestId(), UUID.fromString(event.eventId()),
                event.requestId().getBytes(StandardCharsets.UTF_8), json.writeValueAsBytes(event), Map.of());
    }
}
