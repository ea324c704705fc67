package dev.lethe.cleaners.kafka;

import static dev.lethe.testsupport.ResourceFixtures.aResource;
import static dev.lethe.testsupport.ResourceFixtures.settingsFrom;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.lethe.cleaners.CleanCommand;
import dev.lethe.cleaners.Cleaner;
import dev.lethe.core.DeletionRequest.Mode;
import dev.lethe.core.DeletionRequest.Subject;
import dev.lethe.core.SafeErrors;
import dev.lethe.plan.ResilienceSettings;
import dev.lethe.plan.Resource;
import dev.lethe.testsupport.TopicRecorder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The cleaner on the embedded broker, without the worker around it: batches, dry runs and refusals. */
class KafkaCleanerIntegrationTests {

    private final KafkaClients clients = new KafkaClients(Map.of("bootstrap.servers", TestTopics.bootstrapServers()),
            Map.of("bootstrap.servers", TestTopics.bootstrapServers()));
    private final KafkaCleanerFactory factory = new KafkaCleanerFactory(clients, ResilienceSettings.BUILT_IN);

    @AfterEach
    void close() {
        clients.close();
    }

    @Test
    void aBatchSendsEveryTombstoneThenWaitsForAllAndCountsOneEach() {
        String topic = TestTopics.create("lethe-it-batch", 3, Map.of("cleanup.policy", "compact"));
        Cleaner cleaner = cleaner(topic, "user:{tenant}:{id}");

        List<Long> items;
        try (TopicRecorder records = new TopicRecorder(TestTopics.bootstrapServers(), topic)) {
            items = call(() -> cleaner.cleanAll(List.of(hard("1", "acme"), hard("2", ""), hard("1", "acme"),
                    hard("3", "acme"))));
            await().atMost(Duration.ofSeconds(30)).until(() -> records.records().size() == 4);
            assertThat(records.records()).extracting(KafkaCleanerIntegrationTests::key)
                    .containsExactlyInAnyOrder("user:acme:1", "user::2", "user:acme:1", "user:acme:3");
            assertThat(records.records()).allSatisfy(record -> assertThat(record.value()).isNull());
        }
        assertThat(items).as("as calls in turn: the same subject twice writes two tombstones").containsExactly(1L, 1L, 1L, 1L);
    }

    @Test
    void aDryRunWritesNothingAndCountsTheTombstone() {
        String topic = TestTopics.create("lethe-it-dry", 1, Map.of("cleanup.policy", "compact"));
        Cleaner cleaner = cleaner(topic, "{id}");

        assertThat(call(() -> cleaner.cleanAll(List.of(dryRun("1"), dryRun("2"))))).containsExactly(1L, 1L);
        assertThat(TestTopics.endOffsets(topic, 1)).isZero();
    }

    @Test
    void aRecordTheTopicRefusesFailsTheBatchPermanentlyWithoutTheKey() {
        String topic = TestTopics.create("lethe-it-small", 1, Map.of("cleanup.policy", "compact", "max.message.bytes", "16"));
        Cleaner cleaner = cleaner(topic, "{id}");

        assertThatThrownBy(() -> cleaner.cleanAll(List.of(hard("secret-subject-1", ""), hard("secret-subject-2", ""))))
                .satisfies(e -> assertThat(factory.failureClassifier().isTransient(e)).isFalse())
                .satisfies(e -> assertThat(SafeErrors.describe(e)).isEqualTo("RecordTooLargeException"));
    }

    @Test
    void aTopicDeletedSinceStartFailsTheCallPermanentlyAndIsNotCreatedAgain() {
        String topic = TestTopics.create("lethe-it-deleted", 1, Map.of("cleanup.policy", "compact"));
        Cleaner cleaner = cleaner(topic, "{id}");
        TestTopics.delete(topic);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThatThrownBy(() -> cleaner.clean(hard("1", ""))).isInstanceOf(KafkaResourceException.class)
                        .hasMessage("lethe.resources.profiles.topic: topic '" + topic + "' does not exist")
                        .satisfies(e -> assertThat(factory.failureClassifier().isTransient(e)).isFalse()));
        assertThat(TestTopics.exists(topic)).as("no producer asked the broker to create it").isFalse();
    }

    @Test
    void aTopicNoLongerCompactedFailsTheCallPermanently() {
        String topic = TestTopics.create("lethe-it-changed", 1, Map.of("cleanup.policy", "compact"));
        Cleaner cleaner = cleaner(topic, "{id}");
        TestTopics.setConfig(topic, "cleanup.policy", "delete");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThatThrownBy(() -> cleaner.clean(dryRun("1"))).isInstanceOf(KafkaResourceException.class)
                        .hasMessageStartingWith("lethe.resources.profiles.topic: topic '" + topic + "' is not compacted"));
        assertThat(TestTopics.endOffsets(topic, 1)).isZero();
    }

    private Cleaner cleaner(String topic, String key) {
        return factory.create(new Resource("profiles", aResource().ofType("kafka").build()),
                settingsFrom(Map.of("lethe.resources.profiles.topic", topic, "lethe.resources.profiles.key", key)));
    }

    private static String key(ConsumerRecord<byte[], byte[]> record) {
        return new String(record.key(), StandardCharsets.UTF_8);
    }

    private static CleanCommand hard(String id, String tenant) {
        return new CleanCommand(new Subject("user", id, tenant), Mode.HARD, false);
    }

    private static CleanCommand dryRun(String id) {
        return new CleanCommand(new Subject("user", id, ""), Mode.HARD, true);
    }

    private static <T> T call(java.util.concurrent.Callable<T> call) {
        try {
            return call.call();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
