package dev.lethe.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Reads the audit topic without a consumer group (partitions assigned, never committed), so reading it takes nothing
 * from anyone else who reads it. Events of one request are on one partition and come in the order written; partitions
 * are interleaved. {@link #stop()} from any thread ends a read cleanly, as does interrupting the reading thread.
 */
public final class AuditTopicReader {

    private static final Duration POLL = Duration.ofMillis(500);

    private final Map<String, Object> consumerConfig;
    private final String topic;
    private volatile boolean stopped;
    private volatile KafkaConsumer<byte[], byte[]> consumer;

    /** @param consumerConfig a byte-array consumer's settings without a group */
    public AuditTopicReader(Map<String, Object> consumerConfig, String topic) {
        this.consumerConfig = Map.copyOf(consumerConfig);
        this.topic = topic;
    }

    /**
     * Reads from {@code since} (the first record written at or after it; null: the beginning) up to the end of the
     * topic as it was when the read began, handing the records of each poll to {@code sink}.
     */
    public void readToEnd(Instant since, Consumer<List<AuditRecord>> sink) {
        read(since, sink, true);
    }

    /** Reads from {@code since} (null: the beginning) and keeps reading new records until {@link #stop()}. */
    public void follow(Instant since, Consumer<List<AuditRecord>> sink) {
        read(since, sink, false);
    }

    /** Ends the read in progress (or the next one) after the records already handed over. */
    public void stop() {
        stopped = true;
        KafkaConsumer<byte[], byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
    }

    private void read(Instant since, Consumer<List<AuditRecord>> sink, boolean untilEnd) {
        try (var opened = new KafkaConsumer<byte[], byte[]>(consumerConfig)) {
            consumer = opened;
            List<TopicPartition> partitions = opened.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            if (partitions.isEmpty()) {
                throw new IllegalStateException("audit topic " + topic + " not found");
            }
            opened.assign(partitions);
            Map<TopicPartition, Long> end = opened.endOffsets(partitions);
            seekToStart(opened, partitions, since, end);
            while (!stopped && (!untilEnd || partitions.stream().anyMatch(p -> opened.position(p) < end.get(p)))) {
                List<AuditRecord> polled = new ArrayList<>();
                for (ConsumerRecord<byte[], byte[]> record : opened.poll(POLL)) {
                    if (!untilEnd || record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                        polled.add(AuditRecord.of(record));
                    }
                }
                sink.accept(polled);
            }
        } catch (WakeupException e) {
            // stop(): the read ends here, after what was handed over
        } catch (InterruptException e) {
            Thread.currentThread().interrupt();
        } finally {
            consumer = null;
        }
    }

    private static void seekToStart(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions,
            Instant since, Map<TopicPartition, Long> end) {
        if (since == null) {
            consumer.seekToBeginning(partitions);
            return;
        }
        Map<TopicPartition, Long> query = new LinkedHashMap<>();
        partitions.forEach(partition -> query.put(partition, since.toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query);
        for (TopicPartition partition : partitions) {
            OffsetAndTimestamp offset = found.get(partition);
            consumer.seek(partition, offset == null ? end.get(partition) : offset.offset());
        }
    }
}
