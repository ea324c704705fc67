package dev.lethe.deadletter;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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

    /** A record to dead-letter, with its reason. {@code requestId} is null where the record had no valid one. */
    public record Letter(ConsumerRecord<byte[], byte[]> received, DeadLetterCode code, String detail, String requestId) {
    }

    /** Writes the letters and waits until the broker acknowledged every one; throws if any write failed. */
    public void writeAll(List<Letter> letters) {
        if (letters.isEmpty()) {
            return;
        }
        List<CompletableFuture<?>> sends = new ArrayList<>(letters.size());
        for (Letter letter : letters) {
            sends.add(kafka.send(toRecord(letter)));
        }
        try {
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while writing to " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaException("could not write to dead-letter topic " + topic, e);
        }
    }

    private ProducerRecord<byte[], byte[]> toRecord(Letter letter) {
        ConsumerRecord<byte[], byte[]> received = letter.received();
        var record = new ProducerRecord<>(topic, received.key(), received.value());
        header(record, DeadLetterHeaders.ERROR, letter.code().name());
        header(record, DeadLetterHeaders.ERROR_DETAIL, letter.detail());
        header(record, DeadLetterHeaders.ORIGIN, received.topic() + "-" + received.partition() + "@" + received.offset());
        if (letter.requestId() != null) {
            header(record, DeadLetterHeaders.REQUEST_ID, letter.requestId());
        }
        return record;
    }

    private static void header(ProducerRecord<byte[], byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
