package dev.lethe.testsupport;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Topics a test makes for itself, ready to write to. Creating a topic returns once the controller has it, not once
 * the broker leads every partition; a test that writes at once would then spend its delivery time limit on a partition
 * without a leader (CI failed so on a busy machine). So this waits for the leaders too.
 */
public final class CreatedTopics {

    private static final Duration LIMIT = Duration.ofSeconds(30);

    private CreatedTopics() {
    }

    public static void create(String bootstrapServers, NewTopic topic) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(topic)).all().get(LIMIT.toSeconds(), TimeUnit.SECONDS);
            await().atMost(LIMIT).ignoreExceptions().until(() -> admin.describeTopics(List.of(topic.name()))
                    .allTopicNames().get(10, TimeUnit.SECONDS).get(topic.name()).partitions().stream()
                    .allMatch(partition -> partition.leader() != null && !partition.leader().isEmpty()));
        } catch (Exception e) {
            throw new IllegalStateException("could not create topic " + topic.name(), e);
        }
    }
}
