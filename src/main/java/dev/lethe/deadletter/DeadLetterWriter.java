package dev.lethe.deadletter;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Writes a record that cannot be executed to the dead-letter topic, key and value as received, and waits for the
 * broker's acknowledgement: if the write fails the caller throws, the offset is not committed, and the record is
 * read again. Nothing is lost, nothing is swallowed.
 */
public class DeadLetterWriter {

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaTemplate<byte[], byte[]> kafka;
    private final String topic;

    public DeadLetterWriter(KafkaTemplate<byte[], byte[]> kafka, String topic) {
        this.kafka = kafka;
        this.topic = topic;
    }

    public void write(ConsumerRecord<byte[], byte[]> received, DeadLetterCode code, String detail, String requestId) {
        var record = new ProducerRecord<>(topic, received.key(), received.value());
        header(record, DeadLetterHeaders.ERROR, code.name());
        header(record, DeadLetterHeaders.ERROR_DETAIL, detail);
        header(record, DeadLetterHeaders.ORIGIN, received.topic() + "-" + received.partition() + "@" + received.offset());
        if (requestId != null) {
            header(record, DeadLetterHeaders.REQUEST_ID, requestId);
        }
        try {
            kafka.send(record).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while writing to " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaException("could not write to dead-letter topic " + topic, e);
        }
    }

    private static void header(ProducerRecord<byte[], byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
