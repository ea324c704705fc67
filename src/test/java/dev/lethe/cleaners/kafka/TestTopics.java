package dev.lethe.cleaners.kafka;

import dev.lethe.testsupport.CreatedTopics;
import dev.lethe.testsupport.TestInfrastructure;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Topics on the embedded broker for the kafka type's tests, made and changed with the Admin client. */
final class TestTopics {

    private TestTopics() {
    }

    static String bootstrapServers() {
        return TestInfrastructure.kafka().getBrokersAsString();
    }

    /** A new topic with a unique name and these configs (e.g. {@code cleanup.policy=compact}). */
    static String create(String prefix, int partitions, Map<String, String> configs) {
        return create(bootstrapServers(), prefix, partitions, configs);
    }

    /** The same on another cluster. */
    static String create(String servers, String prefix, int partitions, Map<String, String> configs) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        CreatedTopics.create(servers, new NewTopic(name, partitions, (short) 1).configs(configs));
        return name;
    }

    static void delete(String topic) {
        try (Admin admin = admin()) {
            admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not delete " + topic, e);
        }
    }

    static boolean exists(String topic) {
        try (Admin admin = admin()) {
            return admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic);
        } catch (Exception e) {
            throw new IllegalStateException("could not list topics", e);
        }
    }

    static void setConfig(String topic, String name, String value) {
        org.apache.kafka.common.config.ConfigResource resource =
                new org.apache.kafka.common.config.ConfigResource(org.apache.kafka.common.config.ConfigResource.Type.TOPIC, topic);
        try (Admin admin = admin()) {
            admin.incrementalAlterConfigs(Map.of(resource, List.of(new org.apache.kafka.clients.admin.AlterConfigOp(
                    new org.apache.kafka.clients.admin.ConfigEntry(name, value),
                    org.apache.kafka.clients.admin.AlterConfigOp.OpType.SET)))).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not set " + name + " of " + topic, e);
        }
    }

    /** The sum of the topic's end offsets: it moves with every record written. */
    static long endOffsets(String topic, int partitions) {
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
            for (int p = 0; p < partitions; p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            Collection<org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo> infos =
                    admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).values();
            return infos.stream().mapToLong(org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo::offset).sum();
        } catch (Exception e) {
            throw new IllegalStateException("could not read the end offsets of " + topic, e);
        }
    }

    /** Writes records as the owning service would: key and value as UTF-8. */
    static void write(String topic, Map<String, String> records) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (Map.Entry<String, String> record : records.entrySet()) {
                producer.send(new ProducerRecord<>(topic, utf8(record.getKey()), utf8(record.getValue())))
                        .get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not write to " + topic, e);
        }
    }

    static byte[] utf8(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
    }
}
