package dev.lethe.deadletter;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Re-publishes dead-letter records to the requests topic. The dead-letter topic is only read, never changed, so a
 * replay killed midway loses nothing and can simply run again; the ledger makes running it twice harmless (an id
 * that completed is ignored, a copy of a request still running is folded into it). Of several records for one
 * request id (it failed more than once) only the newest is replayed.
 */
public final class DeadLetterReplay {

    /** Header on replayed records: where in the dead-letter topic they came from. */
    public static final String REPLAYED_FROM = "lethe-replayed-from";
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(60);

    private final Map<String, Object> consumerConfig;
    private final Map<String, Object> producerConfig;
    private final String deadLetterTopic;

    public DeadLetterReplay(String bootstrapServers, String deadLetterTopic) {
        this(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class),
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all",
                        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class),
                deadLetterTopic);
    }

    /**
     * @param consumerConfig a byte-array consumer's settings without a group (the dead-letter topic is only read)
     * @param producerConfig a byte-array producer's settings
     */
    public DeadLetterReplay(Map<String, Object> consumerConfig, Map<String, Object> producerConfig, String deadLetterTopic) {
        this.consumerConfig = Map.copyOf(consumerConfig);
        this.producerConfig = Map.copyOf(producerConfig);
        this.deadLetterTopic = deadLetterTopic;
    }

    /** The records the selection takes, read up to the topic's end as it is now. */
    public List<ConsumerRecord<byte[], byte[]>> select(DeadLetterSelection selection) {
        Map<String, ConsumerRecord<byte[], byte[]>> newestPerRequest = new LinkedHashMap<>();
        List<ConsumerRecord<byte[], byte[]>> withoutRequestId = new ArrayList<>();
        try (var consumer = new KafkaConsumer<byte[], byte[]>(consumerConfig)) {
            List<TopicPartition> partitions = consumer.partitionsFor(deadLetterTopic).stream()
                    .map(info -> new TopicPartition(deadLetterTopic, info.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            seekToStart(consumer, partitions, selection.since());
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    if (record.offset() >= end.get(new TopicPartition(record.topic(), record.partition()))
                            || !selection.matches(record)) {
                        continue;
                    }
                    String requestId = DeadLetterSelection.header(record, DeadLetterHeaders.REQUEST_ID);
                    if (requestId == null) {
                        withoutRequestId.add(record);
                    } else {
                        newestPerRequest.merge(requestId, record, (a, b) -> b.timestamp() >= a.timestamp() ? b : a);
                    }
                }
            }
        }
        List<ConsumerRecord<byte[], byte[]>> selected = new ArrayList<>(newestPerRequest.values());
        selected.addAll(withoutRequestId);
        return selected;
    }

    /** False for a copy sent without the record's bytes (too large to copy): replaying its empty value would fail. */
    public static boolean carriesRecord(ConsumerRecord<byte[], byte[]> record) {
        return DeadLetterSelection.header(record, DeadLetterHeaders.ORIGINAL_SIZE) == null;
    }

    /** How many of the records carry each {@code lethe-error} code. */
    public static Map<String, Integer> countByCode(List<ConsumerRecord<byte[], byte[]>> records) {
        Map<String, Integer> counts = new TreeMap<>();
        records.forEach(record -> counts.merge(DeadLetterSelection.header(record, DeadLetterHeaders.ERROR), 1, Integer::sum));
        return counts;
    }

    /** Publishes the records (key and value as in the dead-letter topic) and waits for every acknowledgement. */
    public void publish(List<ConsumerRecord<byte[], byte[]>> records, String requestsTopic, IntConsumer progress)
            throws Exception {
        Map<String, Object> config = new java.util.HashMap<>(producerConfig);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (var producer = new KafkaProducer<byte[], byte[]>(config)) {
            List<Future<RecordMetadata>> sends = new ArrayList<>(records.size());
            for (ConsumerRecord<byte[], byte[]> record : records) {
                var replayed = new ProducerRecord<>(requestsTopic, record.key(), record.value());
                replayed.headers().add(REPLAYED_FROM, (record.topic() + "-" + record.partition() + "@" + record.offset())
                        .getBytes(StandardCharsets.UTF_8));
                sends.add(producer.send(replayed, (metadata, error) -> {
                    if (error == null) {
                        progress.accept(1);
                    }
                }));
            }
            for (Future<RecordMetadata> send : sends) {
                send.get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    private static void seekToStart(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions, Instant since) {
        if (since == null) {
            consumer.seekToBeginning(partitions);
            return;
        }
        Map<TopicPartition, Long> query = new LinkedHashMap<>();
        partitions.forEach(partition -> query.put(partition, since.toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        for (TopicPartition partition : partitions) {
            OffsetAndTimestamp offset = found.get(partition);
            consumer.seek(partition, offset == null ? end.get(partition) : offset.offset());
        }
    }
}
