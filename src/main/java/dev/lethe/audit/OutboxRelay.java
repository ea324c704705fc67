package dev.lethe.audit;

import dev.lethe.faults.CrashPoint;
import dev.lethe.faults.CrashPoints;
import dev.lethe.ledger.PollingLoop;
import dev.lethe.ledger.WorkAvailable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes the outbox in id order and deletes what the broker acknowledged. A crash between the acknowledgement
 * and the delete publishes the same bytes (the same eventId) again: delivery is at least once, never altered.
 */
public class OutboxRelay extends PollingLoop {

    /** Arbitrary constant naming the relay's advisory lock in the ledger database. */
    private static final long RELAY_LOCK = 0x4c45544845L;
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);
    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {
    };

    private final OutboxRepository repository;
    private final KafkaTemplate<byte[], byte[]> kafka;
    private final TransactionTemplate transactions;
    private final JsonMapper json;
    private final int batchSize;

    OutboxRelay(OutboxRepository repository, KafkaTemplate<byte[], byte[]> kafka, TransactionTemplate transactions,
            JsonMapper json, AuditProperties properties) {
        super("outbox-relay", properties.relayInterval());
        this.repository = repository;
        this.kafka = kafka;
        this.transactions = transactions;
        this.json = json;
        this.batchSize = properties.relayBatchSize();
    }

    @Override
    protected boolean runOnce() {
        Integer published = transactions.execute(status -> publishBatch());
        return published != null && published == batchSize;
    }

    @EventListener
    void onWorkAvailable(WorkAvailable event) {
        if (event.stage() == WorkAvailable.Stage.OUTBOX) {
            wake();
        }
    }

    private int publishBatch() {
        if (!repository.tryRelayLock(RELAY_LOCK)) {
            return 0;
        }
        List<OutboxRecord> batch = repository.findOldest(batchSize);
        List<CompletableFuture<SendResult<byte[], byte[]>>> sends = new ArrayList<>(batch.size());
        for (OutboxRecord record : batch) {
            sends.add(kafka.send(toProducerRecord(record)));
        }
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
                .orTimeout(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
        if (!batch.isEmpty()) {
            CrashPoints.reach(CrashPoint.RELAY_AFTER_BROKER_ACK);
        }
        repository.deleteAllById(batch.stream().map(OutboxRecord::id).toList());
        return batch.size();
    }

    private ProducerRecord<byte[], byte[]> toProducerRecord(OutboxRecord record) {
        var producerRecord = new ProducerRecord<>(record.topic(), record.recordKey(), record.payload());
        if (record.headers() != null) {
            json.readValue(record.headers(), HEADERS).forEach((name, value) ->
                    producerRecord.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        }
        return producerRecord;
    }

    @Override
    protected StopOrder stopOrder() {
        return StopOrder.OUTBOX_RELAY;
    }

    /** Hands on what this loop holds before the worker exits. */
    @Override
    protected void finishOnStop() {
        drainOnStop();
    }
}
