package dev.lethe.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Follows the audit topic for one request's events, from where the topic ended before the request was sent, and
 * prints them a line each until the terminal one. Reads without a consumer group: it takes nothing from the workers.
 */
final class OutcomeWatch implements AutoCloseable {

    private static final Set<String> TERMINAL = Set.of("REQUEST_COMPLETED", "REQUEST_FAILED", "REQUEST_REJECTED",
            "REQUEST_CANCELLED");
    private static final Duration POLL = Duration.ofMillis(200);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String topic;

    private OutcomeWatch(KafkaConsumer<byte[], byte[]> consumer, String topic) {
        this.consumer = consumer;
        this.topic = topic;
    }

    /** Positioned at the current end of every partition, before the request is sent, so none of its events is missed. */
    static OutcomeWatch from(Map<String, Object> consumerProperties, String topic, Duration bound) {
        Map<String, Object> config = new HashMap<>(consumerProperties);
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, bound.toMillis()));
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config);
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, bound).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            if (partitions.isEmpty()) {
                throw new IllegalStateException("audit topic " + topic + " does not exist: is the worker configured with it?");
            }
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(partition -> consumer.position(partition, bound));
            return new OutcomeWatch(consumer, topic);
        } catch (RuntimeException e) {
            consumer.close(Duration.ZERO);
            throw e instanceof IllegalStateException ? e : new IllegalStateException("could not read the audit topic "
                    + topic + " from Kafka (" + config.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG) + ") within "
                    + bound.toSeconds() + "s: nothing was sent");
        }
    }

    String topic() {
        return topic;
    }

    /** @return the terminal event's type, or empty when none came before the deadline */
    Optional<String> awaitTerminal(String requestId, Instant deadline, PrintWriter out) {
        byte[] key = requestId.getBytes(StandardCharsets.UTF_8);
        while (Instant.now().isBefore(deadline)) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                if (record.key() == null || !Arrays.equals(record.key(), key)) {
                    continue;
                }
                JsonNode event = JSON.readTree(record.value());
                out.println(AuditLine.of(event));
                out.flush();
                String type = event.path("type").asString();
                if (TERMINAL.contains(type)) {
                    return Optional.of(type);
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        consumer.close(Duration.ZERO);
    }
}
