package dev.lethe.cleaners.kafka;

import static dev.lethe.testsupport.AuditAssertions.assertThatEvents;
import static dev.lethe.testsupport.DeletionRequests.aDeletionRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lethe.testsupport.AuditLog;
import dev.lethe.testsupport.DeletionRequests;
import dev.lethe.testsupport.KafkaBrokerProcess;
import dev.lethe.testsupport.LetheIntegrationTest;
import dev.lethe.testsupport.LogCapture;
import dev.lethe.testsupport.RequestSender;
import dev.lethe.testsupport.TopicRecorder;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The kafka type end to end on the embedded broker: a tombstone for the exact key, seen by a consumer of the
 * compacted topic; a dry run writes nothing; ids with pattern characters are keys verbatim; a record the topic
 * refuses fails the task; a cluster that is down (its broker killed) is waited for behind the breaker.
 */
@LetheIntegrationTest
@TestPropertySource(properties = {
        "lethe.resources.kafka_profiles.type=kafka",
        "lethe.resources.kafka_profiles.subject-type=kafka-user",
        "lethe.resources.kafka_profiles.categories=kafka-profiles",
        "lethe.resources.kafka_profiles.key=profile:{id}",
        "lethe.resources.kafka_profiles.max-attempts=1000",
        "lethe.resources.kafka_profiles.max-age=10m",
        // The default call timeout (and so the producer's delivery limit): no test takes this broker down, and a
        // short limit would have a busy machine's slow ack write a batch's tombstones twice (see kafka_remote).
        // A compacted topic that takes no record of this size: the broker refuses the tombstone (permanent).
        "lethe.resources.kafka_tiny.type=kafka",
        "lethe.resources.kafka_tiny.subject-type=kafka-user",
        "lethe.resources.kafka_tiny.categories=kafka-tiny",
        "lethe.resources.kafka_tiny.key=profile:{id}",
        // On a broker of its own (another process) that the test kills and starts again.
        "lethe.resources.kafka_remote.type=kafka",
        "lethe.resources.kafka_remote.subject-type=kafka-user",
        "lethe.resources.kafka_remote.categories=kafka-remote",
        "lethe.resources.kafka_remote.key=profile:{id}",
        "lethe.resources.kafka_remote.max-attempts=1000",
        "lethe.resources.kafka_remote.max-age=10m",
        "lethe.resources.kafka_remote.resilience.call-timeout=4s",
        "lethe.resources.kafka_remote.resilience.retry-attempts=1",
        "lethe.resources.kafka_remote.resilience.breaker-window=4",
        "lethe.resources.kafka_remote.resilience.breaker-minimum-calls=2",
        "lethe.resources.kafka_remote.resilience.breaker-open-wait=500ms",
        "lethe.resources.kafka_remote.resilience.breaker-half-open-calls=1"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS) // its kafka_remote cluster stops after the class
class KafkaResourceIntegrationTests {

    private static final int PARTITIONS = 3;
    private static String profiles;
    private static String tiny;
    private static TopicRecorder profileRecords;
    private static KafkaBrokerProcess remoteBroker;
    private static String remoteProfiles;

    @Autowired
    RequestSender requests;
    @Autowired
    AuditLog audit;
    @Autowired
    CircuitBreakerRegistry breakers;

    @DynamicPropertySource
    static void topics(DynamicPropertyRegistry registry) {
        profiles = TestTopics.create("lethe-it-profiles", PARTITIONS, Map.of("cleanup.policy", "compact"));
        tiny = TestTopics.create("lethe-it-tiny", 1, Map.of("cleanup.policy", "compact", "max.message.bytes", "16"));
        profileRecords = new TopicRecorder(TestTopics.bootstrapServers(), profiles);
        registry.add("lethe.resources.kafka_profiles.topic", () -> profiles);
        registry.add("lethe.resources.kafka_tiny.topic", () -> tiny);
        // The other cluster setting: the same broker named explicitly.
        registry.add("lethe.resources.kafka_tiny.bootstrap-servers", TestTopics::bootstrapServers);
        remoteBroker = KafkaBrokerProcess.start();
        remoteProfiles = TestTopics.create(remoteBroker.bootstrapServers(), "lethe-it-remote", 1,
                Map.of("cleanup.policy", "compact"));
        registry.add("lethe.resources.kafka_remote.topic", () -> remoteProfiles);
        registry.add("lethe.resources.kafka_remote.bootstrap-servers", remoteBroker::bootstrapServers);
    }

    @AfterAll
    static void stop() {
        profileRecords.close();
        remoteBroker.close();
    }

    @Test
    void hardWritesATombstoneForTheExactKeyAndAConsumerSeesIt() {
        String id = "k-" + UUID.randomUUID();
        TestTopics.write(profiles, Map.of("profile:" + id, "{\"name\":\"A\"}", "profile:" + id + "x", "{\"name\":\"B\"}"));
        DeletionRequests request = aDeletionRequest().ofType("kafka-user").forSubject(id).including("kafka-profiles");
        List<String> lines;

        try (LogCapture logs = LogCapture.atDebug("dev.lethe", "org.apache.kafka.clients.producer")) {
            requests.send(request);
            List<JsonNode> events = audit.awaitTerminal(request.requestId());
            assertThatEvents(events).endWith("REQUEST_COMPLETED").haveTask("kafka_profiles", "DELETED", 1)
                    .haveNoEventFor("kafka_tiny");
            assertThat(events).allSatisfy(event -> assertThat(event.toString()).doesNotContain(id));
            lines = logs.lines();
        }

        ConsumerRecord<byte[], byte[]> tombstone = awaitTombstone("profile:" + id);
        assertThat(tombstone.value()).isNull();
        assertThat(tombstone.headers().toArray()).as("no header carries the subject").isEmpty();
        assertThat(tombstonesFor("profile:" + id + "x")).as("a bystander's key").isEmpty();
        String hex = HexFormat.of().formatHex(id.getBytes(StandardCharsets.UTF_8));
        assertThat(lines).as("log lines").isNotEmpty().noneMatch(line -> line.contains(id) || line.toLowerCase().contains(hex));
    }

    @Test
    void aDryRunCountsTheTombstoneAndWritesNothingAndASoftRunSkips() {
        String id = "k-" + UUID.randomUUID();
        long before = TestTopics.endOffsets(profiles, PARTITIONS);
        DeletionRequests dryRun = aDeletionRequest().ofType("kafka-user").forSubject(id).including("kafka-profiles")
                .dryRun();
        DeletionRequests soft = aDeletionRequest().ofType("kafka-user").forSubject(id).including("kafka-profiles").soft();

        requests.send(dryRun);
        requests.send(soft);

        assertThatEvents(audit.awaitTerminal(dryRun.requestId())).endWith("REQUEST_COMPLETED")
                .haveTask("kafka_profiles", "DRY_RUN", 1).allDryRun();
        assertThatEvents(audit.awaitTerminal(soft.requestId())).endWith("REQUEST_COMPLETED")
                .haveTask("kafka_profiles", "SKIPPED", 0).haveAttempts("kafka_profiles", 0);
        assertThat(TestTopics.endOffsets(profiles, PARTITIONS)).as("nothing written").isEqualTo(before);
    }

    @Test
    void idsWithPatternCharactersAreKeysVerbatimAcrossSubjectsSentTogether() {
        String prefix = "k" + UUID.randomUUID().toString().substring(0, 8);
        List<String> ids = List.of(prefix + "*", prefix + "?", prefix + "[b]", prefix + "/../x", prefix + "ü");
        List<DeletionRequests> sent = ids.stream()
                .map(id -> aDeletionRequest().ofType("kafka-user").forSubject(id).including("kafka-profiles")).toList();

        requests.sendTogether(sent.toArray(DeletionRequests[]::new));

        for (DeletionRequests request : sent) {
            assertThatEvents(audit.awaitTerminal(request.requestId())).endWith("REQUEST_COMPLETED")
                    .haveTask("kafka_profiles", "DELETED", 1);
        }
        ids.forEach(id -> awaitTombstone("profile:" + id));
        assertThat(profileRecords.records()).filteredOn(r -> new String(r.key(), StandardCharsets.UTF_8).startsWith("profile:" + prefix))
                .extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
                .as("exactly these keys, one tombstone each; nothing for " + prefix + " or " + prefix + "b")
                .containsExactlyInAnyOrderElementsOf(ids.stream().map(id -> "profile:" + id).toList());
    }

    @Test
    void aTombstoneTheTopicRefusesFailsTheTask() {
        DeletionRequests request = aDeletionRequest().ofType("kafka-user").forSubject("k-" + UUID.randomUUID())
                .including("kafka-tiny");

        requests.send(request);

        List<JsonNode> events = audit.awaitTerminal(request.requestId());
        assertThatEvents(events).endWith("REQUEST_FAILED").haveFailedTask("kafka_tiny");
        JsonNode failed = events.stream().filter(e -> e.path("type").asString().equals("TASK_FAILED")).findFirst()
                .orElseThrow();
        assertThat(failed.path("error").asString()).isEqualTo("RecordTooLargeException");
        assertThat(failed.path("attempts").asInt()).isEqualTo(1);
    }

    @Test
    void aClusterThatIsDownIsWaitedForBehindTheBreakerThenTheTombstoneIsWritten() {
        String id = "k-" + UUID.randomUUID();
        DeletionRequests request = aDeletionRequest().ofType("kafka-user").forSubject(id).including("kafka-remote");
        CircuitBreaker breaker = breakers.circuitBreaker("kafka_remote");
        remoteBroker.kill9();
        try {
            requests.send(request);
            await().atMost(Duration.ofSeconds(60)).until(() -> breaker.getState() == CircuitBreaker.State.OPEN);
            assertThat(audit.eventsOf(request.requestId()))
                    .noneMatch(event -> event.path("type").asString().equals("TASK_FAILED"))
                    .noneMatch(AuditLog::isTerminal);
        } finally {
            remoteBroker.restart();
        }

        List<JsonNode> events = audit.awaitTerminal(request.requestId());
        assertThatEvents(events).endWith("REQUEST_COMPLETED").haveTask("kafka_remote", "DELETED", 1);
        assertThat(events.stream().filter(e -> "kafka_remote".equals(e.path("resource").asString(null)))
                .findFirst().orElseThrow().path("attempts").asInt()).as("the calls that met the cluster down count")
                .isGreaterThan(1);
        try (TopicRecorder remote = new TopicRecorder(remoteBroker.bootstrapServers(), remoteProfiles)) {
            byte[] key = TestTopics.utf8("profile:" + id);
            await().atMost(Duration.ofSeconds(30)).until(() -> remote.records().stream()
                    .anyMatch(record -> Arrays.equals(record.key(), key) && record.value() == null));
        }
    }

    private static ConsumerRecord<byte[], byte[]> awaitTombstone(String key) {
        await().atMost(Duration.ofSeconds(30)).until(() -> !tombstonesFor(key).isEmpty());
        return tombstonesFor(key).get(0);
    }

    private static List<ConsumerRecord<byte[], byte[]>> tombstonesFor(String key) {
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        return profileRecords.records().stream()
                .filter(record -> Arrays.equals(record.key(), bytes) && record.value() == null).toList();
    }
}
