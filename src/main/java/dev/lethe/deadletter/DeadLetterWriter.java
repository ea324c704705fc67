package dev.lethe.deadletter;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Writes a record that cannot be executed to the dead-letter topic, key and value as received, and waits for the
 * broker's acknowledgement: if the write fails the caller throws, the offset is not committed, and the record is
 * read again. Nothing is lost, nothing is swallowed. A copy that cannot fit what the producer or the broker accepts
 * is never retried as it is: it goes with an empty value and the {@code lethe-origin} header instead.
 */
public class DeadLetterWriter {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterWriter.class);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaTemplate<byte[], byte[]> kafka;
    private final String topic;
    private final DeadLetterFit fit;

    public DeadLetterWriter(KafkaTemplate<byte[], byte[]> kafka, String topic, DeadLetterFit fit) {
        this.kafka = kafka;
        this.topic = topic;
        this.fit = fit;
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
            sends.add(kafka.send(toRecord(letter, false)));
        }
        for (int i = 0; i < letters.size(); i++) {
            try {
                await(sends.get(i));
            } catch (ExecutionException e) {
                if (!tooLarge(e.getCause())) {
                    throw new KafkaException("could not write to dead-letter topic " + topic, e);
                }
                // The broker's own limit is lower than the producer's: send the copy without the record's bytes.
                log.warn("the broker refused a dead-letter copy of {} as too large: sent without the record's bytes",
                        origin(letters.get(i).received()));
                sendWithoutBytes(letters.get(i));
            }
        }
    }

    /** Without the value, and if the broker still refuses it (a huge key), without the key too: never forever. */
    private void sendWithoutBytes(Letter letter) {
        try {
            await(kafka.send(toRecord(letter, true)));
        } catch (ExecutionException e) {
            if (!tooLarge(e.getCause())) {
                throw new KafkaException("could not write to dead-letter topic " + topic, e);
            }
            ProducerRecord<byte[], byte[]> keyless = toRecord(letter, true);
            awaitUnchecked(kafka.send(new ProducerRecord<byte[], byte[]>(keyless.topic(), (Integer) null, (byte[]) null,
                    keyless.value(), keyless.headers())));
        }
    }

    private ProducerRecord<byte[], byte[]> toRecord(Letter letter, boolean withoutValue) {
        ConsumerRecord<byte[], byte[]> received = letter.received();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(DeadLetterHeaders.ERROR, letter.code().name());
        headers.put(DeadLetterHeaders.ERROR_DETAIL, letter.detail());
        headers.put(DeadLetterHeaders.ORIGIN, origin(received));
        if (letter.requestId() != null) {
            headers.put(DeadLetterHeaders.REQUEST_ID, letter.requestId());
        }
        byte[] key = received.key();
        byte[] value = received.value();
        if (withoutValue || !fit.fits(key, value, headers)) {
            headers.put(DeadLetterHeaders.ORIGINAL_SIZE, String.valueOf(value == null ? 0 : value.length));
            key = fit.keyWithoutValue(key, headers);
            value = new byte[0];
        }
        var record = new ProducerRecord<>(topic, key, value);
        headers.forEach((name, text) -> record.headers().add(name, text.getBytes(StandardCharsets.UTF_8)));
        return record;
    }

    private static String origin(ConsumerRecord<byte[], byte[]> received) {
        return received.topic() + "-" + received.partition() + "@" + received.offset();
    }

    private static boolean tooLarge(Throwable error) {
        for (Throwable current = error; current != null; current = current.getCause()) {
            if (current instanceof RecordTooLargeException || current instanceof RecordBatchTooLargeException) {
                return true;
            }
        }
        return false;
    }

    private void awaitUnchecked(CompletableFuture<?> send) {
        try {
            await(send);
        } catch (ExecutionException e) {
            throw new KafkaException("could not write to dead-letter topic " + topic, e);
        }
    }

    private void await(CompletableFuture<?> send) throws ExecutionException {
        try {
            send.get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while writing to " + topic, e);
        } catch (TimeoutException e) {
            throw new KafkaException("could not write to dead-letter topic " + topic + " within " + SEND_TIMEOUT, e);
        }
    }
}
