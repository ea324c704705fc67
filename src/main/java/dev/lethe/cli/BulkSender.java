package dev.lethe.cli;

import dev.lethe.core.SafeErrors;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Sends a bulk's requests with one producer, without waiting for each acknowledgement: the producer batches them
 * (thousands a second), and {@code flush} waits for all of them, acknowledged by every in-sync replica.
 */
final class BulkSender {

    private final Map<String, Object> producerProperties;
    private final String topic;

    BulkSender(Map<String, Object> producerProperties, String topic) {
        this.producerProperties = producerProperties;
        this.topic = topic;
    }

    /**
     * @throws IllegalStateException when some were not acknowledged; running the same bulk again sends them (and
     *         re-sending one that did arrive is harmless: the worker deduplicates by requestId)
     */
    void send(List<BulkRequest> requests) {
        AtomicInteger failed = new AtomicInteger();
        AtomicReference<Exception> firstFailure = new AtomicReference<>();
        try (var producer = new KafkaProducer<byte[], byte[]>(producerProperties)) {
            for (BulkRequest request : requests) {
                // The key is the subject id, as the contract has it for every sender (informational).
                byte[] key = request.subject().subject().id().getBytes(StandardCharsets.UTF_8);
                producer.send(new ProducerRecord<>(topic, key, request.value()), (metadata, error) -> {
                    if (error != null) {
                        failed.incrementAndGet();
                        firstFailure.compareAndSet(null, error);
                    }
                });
            }
            producer.flush();
        }
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " of " + requests.size() + " requests were not acknowledged ("
                    + SafeErrors.describe(firstFailure.get()) + "); run the same bulk again to send them");
        }
    }
}
