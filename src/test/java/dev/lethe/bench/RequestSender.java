package dev.lethe.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends deletion requests for users 1..n, request id {@code bench-<user>}, and notes when each left. A request
 * erases the user's rows in the five jdbc resources of the demo configuration.
 */
final class RequestSender implements AutoCloseable {

    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final Map<String, Long> sentAt = new ConcurrentHashMap<>();

    private RequestSender(KafkaProducer<byte[], byte[]> producer, String topic) {
        this.producer = producer;
        this.topic = topic;
    }

    /** A sender as an application would send: acks=all, a short linger. */
    static RequestSender forTraffic(String brokers, String topic) {
        return new RequestSender(new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5),
                new ByteArraySerializer(), new ByteArraySerializer()), topic);
    }

    /** A sender that fills a topic fast (large batches, leader acknowledgement only). */
    static RequestSender forBacklog(String brokers, String topic) {
        return new RequestSender(new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ProducerConfig.ACKS_CONFIG, "1", ProducerConfig.LINGER_MS_CONFIG, 50,
                ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024),
                new ByteArraySerializer(), new ByteArraySerializer()), topic);
    }

    /**
     * One request through the whole pipeline, so that start-up, topic creation and the first statements' planning
     * are not timed.
     */
    /**
     * Sends {@code count} requests for users {@code firstUser}.. (ids "warm-N", not counted) all at once and waits until
     * they completed, so that the worker's hot paths are compiled before the timed traffic.
     */
    void warmUp(AuditWatch audit, int firstUser, int count) throws Exception {
        warmUp(audit);
        for (int user = firstUser; user < firstUser + count; user++) {
            producer.send(new ProducerRecord<>(topic, bytes(Integer.toString(user)), value("warm-" + user, user)));
        }
        producer.flush();
        for (int user = firstUser; user < firstUser + count; user++) {
            if (!audit.awaitCompleted("warm-" + user, Duration.ofMinutes(5))) {
                throw new IllegalStateException("the worker did not complete the warm-up requests within 5 minutes");
            }
        }
    }

    void warmUp(AuditWatch audit) throws Exception {
        String requestId = "warm-up";
        producer.send(new ProducerRecord<>(topic, bytes(requestId), value(requestId, 0))).get();
        if (!audit.awaitCompleted(requestId, Duration.ofMinutes(2))) {
            throw new IllegalStateException("the worker did not complete a warm-up request within 2 minutes");
        }
    }

    /**
     * Sends requests for users 1..requests, all at once (rate 0) or open-loop paced: request n leaves at
     * start + n/rate, whatever the worker does. Returns when the last was acknowledged.
     */
    void send(int requests, int rate, boolean noteTimes) {
        long start = System.nanoTime();
        for (int user = 1; user <= requests; user++) {
            if (rate > 0) {
                LockSupport.parkNanos(start + (user - 1) * 1_000_000_000L / rate - System.nanoTime());
            }
            String requestId = AuditWatch.BENCH_PREFIX + user;
            if (noteTimes) {
                sentAt.put(requestId, System.nanoTime());
            }
            producer.send(new ProducerRecord<>(topic, bytes(Integer.toString(user)), value(requestId, user)));
        }
        producer.flush();
    }

    /** Send times ({@link System#nanoTime()}) by request id. */
    Map<String, Long> sentAt() {
        return sentAt;
    }

    private static byte[] value(String requestId, int user) {
        return bytes("{\"requestId\":\"" + requestId + "\",\"subject\":{\"type\":\"user\",\"id\":\"" + user + "\"}}");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        producer.close();
    }
}
