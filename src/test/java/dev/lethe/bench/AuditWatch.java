package dev.lethe.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    /** How often a wait looks at what the reader has seen: well under the latencies measured. */
    private static final Duration POLL = Duration.ofMillis(10);
    private static final Pattern OCCURRED_AT = Pattern.compile("\"occurredAt\":\"([^\"]+)\"");

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<String, Long> completedAt = new ConcurrentHashMap<>();
    /** Per completed request: the terminal event's occurredAt until the relay sent it (the record's timestamp). */
    private final List<Long> relayLagMillis = Collections.synchronizedList(new ArrayList<>());
    /** Per completed request: the relay's send until this reader had it. */
    private final List<Long> deliveryLagMillis = Collections.synchronizedList(new ArrayList<>());
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
                        noteLags(record.timestamp(), new String(record.value(), StandardCharsets.UTF_8));
                    }
                }
            }
        }
    }

    private void noteLags(long sentMillis, String event) {
        Matcher occurred = OCCURRED_AT.matcher(event);
        if (occurred.find()) {
            relayLagMillis.add(sentMillis - Instant.parse(occurred.group(1)).toEpochMilli());
        }
        deliveryLagMillis.add(System.currentTimeMillis() - sentMillis);
    }

    /** Where the time after the end of a request went: "relay p50 X ms, delivery p50 Y ms". */
    String lagSummary() {
        return "terminal event to broker p50 " + median(relayLagMillis) + " ms, broker to reader p50 "
                + median(deliveryLagMillis) + " ms";
    }

    private static long median(List<Long> values) {
        synchronized (values) {
            return values.isEmpty() ? 0 : values.stream().sorted().toList().get(values.size() / 2);
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
    boolean awaitCompleted(int requests, long deadlineNanos) {
        return Waits.untilDeadline(deadlineNanos, POLL, () -> completed() >= requests);
    }

    boolean awaitCompleted(String requestId, Duration limit) {
        return Waits.until(limit, POLL, () -> completedAt.containsKey(requestId));
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        reader.join(5_000);
        consumer.close();
    }
}
