package dev.lethe.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import static org.awaitility.Awaitility.await;

/**
 * Reads a phase's audit topic from the beginning on a thread of its own and notes when each request's
 * REQUEST_COMPLETED arrived: completion times are taken as the events come, alongside the sender.
 */
final class AuditWatch implements AutoCloseable {

    /** Requests the benchmark counts; others (the warm-up) are only waited for. */
    static final String BENCH_PREFIX = "bench-";

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<String, Long> completedAt = new ConcurrentHashMap<>();
    private final AtomicInteger benchCompleted = new AtomicInteger();
    private final Thread reader;
    private volatile boolean running = true;

    /** Starts reading once the topic exists (the worker creates it when it starts). */
    AuditWatch(String brokers, String topic) {
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.METADATA_MAX_AGE_CONFIG, 500),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        await().atMost(Duration.ofMinutes(2)).until(() -> !consumer.partitionsFor(topic).isEmpty());
        consumer.assign(consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList());
        consumer.seekToBeginning(consumer.assignment());
        reader = new Thread(this::read, "audit-reader");
        reader.start();
    }

    private void read() {
        while (running) {
            for (var record : consumer.poll(Duration.ofMillis(100))) {
                long now = System.nanoTime();
                if (record.key() != null
                        && new String(record.value(), StandardCharsets.UTF_8).contains("\"type\":\"REQUEST_COMPLETED\"")) {
                    String requestId = new String(record.key(), StandardCharsets.UTF_8);
                    if (completedAt.putIfAbsent(requestId, now) == null && requestId.startsWith(BENCH_PREFIX)) {
                        benchCompleted.incrementAndGet();
                    }
                }
            }
        }
    }

    /** Completion times ({@link System#nanoTime()}) by request id. */
    Map<String, Long> completedAt() {
        return completedAt;
    }

    /** Benchmark requests completed so far. */
    int completed() {
        return benchCompleted.get();
    }

    /** Waits until this many benchmark requests completed; false if the time ran out first. */
    boolean awaitCompleted(int requests, long deadlineNanos) throws InterruptedException {
        while (completed() < requests) {
            if (System.nanoTime() > deadlineNanos) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    boolean awaitCompleted(String requestId, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!completedAt.containsKey(requestId)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        reader.join(5_000);
        consumer.close();
    }
}
