package dev.lethe.audit;

import dev.lethe.faults.CrashPoint;
import dev.lethe.faults.CrashPoints;
import dev.lethe.core.PollingLoop;
import dev.lethe.core.StageHealth;
import dev.lethe.core.WorkAvailable;
import dev.lethe.core.SafeErrors;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.KafkaException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes the outbox in id order and deletes what the broker acknowledged. A crash between the acknowledgement
 * and the delete publishes the same bytes (the same eventId) again: delivery is at least once, never altered. A
 * record the broker refuses for good (too large, say) is set aside in {@code outbox_set_aside} with the reason and
 * logged, so it never blocks the records behind it; the {@code lethe_outbox_set_aside} gauge counts them.
 */
public class OutboxRelay extends PollingLoop {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    /** The dead-letter header of a copy sent without the record's bytes: the original value's size. */
    private static final String ORIGINAL_SIZE_HEADER = "lethe-original-size";

    /** Arbitrary constant naming the relay's advisory lock in the ledger database. */
    private static final long RELAY_LOCK = 0x4c45544845L;
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);
    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {
    };

    private final OutboxRepository repository;
    private final OutboxBatches batches;
    private final KafkaTemplate<byte[], byte[]> kafka;
    private final TransactionTemplate transactions;
    private final JsonMapper json;
    private final int batchSize;
    private final String deadLetterTopic;

    OutboxRelay(OutboxRepository repository, OutboxBatches batches, KafkaTemplate<byte[], byte[]> kafka,
            TransactionTemplate transactions, JsonMapper json, AuditProperties properties, StageHealth health,
            String deadLetterTopic) {
        super("outbox-relay", properties.relayInterval(), health);
        this.deadLetterTopic = deadLetterTopic;
        this.repository = repository;
        this.batches = batches;
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
        if (!batches.tryRelayLock(RELAY_LOCK)) {
            return 0;
        }
        List<OutboxRecord> batch = batches.oldest(batchSize);
        List<CompletableFuture<SendResult<byte[], byte[]>>> sends = new ArrayList<>(batch.size());
        for (OutboxRecord record : batch) {
            sends.add(send(record));
        }
        Map<OutboxRecord, String> refused = new LinkedHashMap<>();
        long deadline = System.nanoTime() + SEND_TIMEOUT.toNanos();
        for (int i = 0; i < batch.size(); i++) {
            Throwable failure = failureOf(sends.get(i), deadline);
            if (failure == null) {
                continue;
            }
            if (!refusedForGood(failure)) {
                // The broker is unreachable or slow: the round rolls back and every record goes again, in order.
                throw new KafkaException("outbox relay could not publish: " + SafeErrors.describe(failure), failure);
            }
            refused.put(batch.get(i), SafeErrors.describe(failure));
        }
        if (!batch.isEmpty()) {
            CrashPoints.reach(CrashPoint.RELAY_AFTER_BROKER_ACK);
        }
        List<Long> sentAgain = new ArrayList<>();
        refused.forEach((record, reason) -> {
            if (record.topic().equals(deadLetterTopic) && record.payload().length > 0) {
                // A failed request's dead-letter copy goes again without the record's bytes, as intake's copies do,
                // so the request still reaches the dead-letter topic with its origin.
                log.warn("outbox record {} of request {} for {} was refused ({}): sent again without the record's bytes",
                        record.id(), record.requestId(), record.topic(), reason);
                repository.dropPayload(record.id(), withOriginalSize(record));
                sentAgain.add(record.id());
                return;
            }
            log.warn("outbox record {} of request {} for {} can never be published and was set aside: {}", record.id(),
                    record.requestId(), record.topic(), reason);
            repository.setAside(record.id(), reason, Timestamp.from(Instant.now()));
        });
        batches.delete(batch.stream().map(OutboxRecord::id).filter(id -> !sentAgain.contains(id)).toList());
        return batch.size();
    }

    /** Sends a record; one that cannot even be built (headers that do not parse) fails like a refused send. */
    private CompletableFuture<SendResult<byte[], byte[]>> send(OutboxRecord record) {
        try {
            return kafka.send(toProducerRecord(record));
        } catch (RuntimeException e) {
            // The template throws what the producer refuses before sending (a record over max.request.size).
            return CompletableFuture.failedFuture(e);
        }
    }

    private static Throwable failureOf(CompletableFuture<SendResult<byte[], byte[]>> send, long deadlineNanos) {
        try {
            send.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e;
        } catch (ExecutionException e) {
            return e.getCause() == null ? e : e.getCause();
        } catch (TimeoutException e) {
            return e;
        }
    }

    /**
     * Whether the broker or the producer refused this record itself, so that sending it again can never succeed
     * (too large, not serialisable, invalid). Refusals that concern every record (authorisation, an unknown topic)
     * and unavailability are not: they are retried, and a relay that keeps failing shows as a stalled stage.
     */
    private static boolean refusedForGood(Throwable failure) {
        for (Throwable current = failure; current != null; current = current.getCause()) {
            if (current instanceof RecordTooLargeException || current instanceof RecordBatchTooLargeException
                    || current instanceof InvalidRecordException || current instanceof SerializationException
                    || current instanceof JacksonException) {
                return true;
            }
        }
        return false;
    }

    private String withOriginalSize(OutboxRecord record) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (record.headers() != null) {
            headers.putAll(json.readValue(record.headers(), HEADERS));
        }
        headers.put(ORIGINAL_SIZE_HEADER, String.valueOf(record.payload().length));
        return json.writeValueAsString(headers);
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
