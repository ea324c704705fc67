package dev.lethe.cli;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the audit topic from its beginning, without a consumer group, and records the events of a bulk's requests
 * (the record key is the requestId: other requests' events are skipped unparsed). One consumer serves both the look
 * back (which requests ended already) and following the requests sent after it.
 */
final class AuditWatch implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(200);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final BatchProgress progress;
    private final Clock clock;
    private final List<TopicPartition> partitions;

    /**
     * @throws IllegalStateException when the topic does not exist (the worker creates it at start)
     */
    AuditWatch(Map<String, Object> consumerProperties, String topic, BatchProgress progress, Clock clock) {
        Map<String, Object> properties = new HashMap<>(consumerProperties);
        // Looking a topic up must never create it with the broker's defaults.
        properties.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        this.consumer = new KafkaConsumer<>(properties);
        this.progress = progress;
        this.clock = clock;
        List<PartitionInfo> infos = consumer.partitionsFor(topic);
        if (infos == null || infos.isEmpty()) {
            consumer.close();
            throw new IllegalStateException("the audit topic " + topic + " does not exist (has the worker ever run "
                    + "with this configuration?); nothing was sent");
        }
        this.partitions = infos.stream().map(info -> new TopicPartition(topic, info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Reads everything the topic holds now. */
    void catchUp(Duration timeout) {
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        Instant deadline = clock.instant().plus(timeout);
        while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
            if (clock.instant().isAfter(deadline)) {
                throw new IllegalStateException("could not read the audit topic within " + timeout + "; nothing was sent");
            }
            poll();
        }
    }

    /** Reads what arrived since the last poll, waiting up to a poll interval for it. */
    void poll() {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
            String requestId = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
            if (requestId != null && progress.tracks(requestId) && record.value() != null) {
                try {
                    progress.record(requestId, JSON.readTree(record.value()));
                } catch (JacksonException notAnEvent) {
                    // Not an event: nothing this command can count (the schema check is the compliance team's).
                }
            }
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
