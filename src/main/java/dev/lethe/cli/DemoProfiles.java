package dev.lethe.cli;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** A compacted topic of user profiles keyed by user id, as services keep them; erasing one writes a tombstone. */
final class DemoProfiles {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String brokers;
    private final String topic;

    private DemoProfiles(String brokers, String topic) {
        this.brokers = brokers;
        this.topic = topic;
    }

    static DemoProfiles create(String brokers, String topic, Collection<String> people) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers))) {
            admin.createTopics(List.of(new NewTopic(topic, Optional.of(1), Optional.empty())
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))))
                    .all().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                    ProducerConfig.ACKS_CONFIG, "all"), new ByteArraySerializer(), new ByteArraySerializer())) {
                for (String person : people) {
                    producer.send(new ProducerRecord<>(topic, person.getBytes(StandardCharsets.UTF_8),
                            ("{\"name\":\"Person " + person + "\"}").getBytes(StandardCharsets.UTF_8)));
                }
                producer.flush();
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not set up the demo's profile topic", e);
        }
        return new DemoProfiles(brokers, topic);
    }

    /** Per key, whether its latest record holds a value (false: a tombstone), read to the topic's end. */
    Map<String, Boolean> liveKeys() {
        Map<String, Boolean> live = new HashMap<>();
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (var consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            while (consumer.position(partition) < end) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    live.put(new String(record.key(), StandardCharsets.UTF_8), record.value() != null);
                }
            }
        }
        return live;
    }
}
