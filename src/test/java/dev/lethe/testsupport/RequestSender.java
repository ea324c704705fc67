package dev.lethe.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;

/** Sends records to the requests topic, as another service would, and waits for the broker's ack. */
public class RequestSender {

    private final KafkaTemplate<byte[], byte[]> kafka;
    private final String topic;

    public RequestSender(KafkaTemplate<byte[], byte[]> kafka, String topic) {
        this.kafka = kafka;
        this.topic = topic;
    }

    public void send(DeletionRequests request) {
        send(request.subjectId(), request.toJson());
    }

    /**
     * Sends the requests without waiting between them, then waits for every ack, so they reach the worker in one
     * poll and their tasks of a resource are likely to be cleaned in one call.
     */
    public void sendTogether(DeletionRequests... requests) {
        List<CompletableFuture<?>> acks = new ArrayList<>();
        for (DeletionRequests request : requests) {
            acks.add(kafka.send(new ProducerRecord<>(topic, request.subjectId().getBytes(StandardCharsets.UTF_8),
                    request.toJson().getBytes(StandardCharsets.UTF_8))));
        }
        try {
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not send to " + topic, e);
        }
    }

    public void send(String key, String value) {
        send(key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    public void send(byte[] key, byte[] value) {
        try {
            kafka.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not send to " + topic, e);
        }
    }
}
