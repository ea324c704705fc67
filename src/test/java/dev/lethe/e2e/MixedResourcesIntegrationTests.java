package dev.lethe.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.lethe.testsupport.AuditAssertions.assertThatEvents;
import static dev.lethe.testsupport.DeletionRequests.aDeletionRequest;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.lethe.testsupport.AppDatabase;
import dev.lethe.testsupport.AuditLog;
import dev.lethe.testsupport.CreatedTopics;
import dev.lethe.testsupport.DeletionRequests;
import dev.lethe.testsupport.LetheIntegrationTest;
import dev.lethe.testsupport.RedisServer;
import dev.lethe.testsupport.RequestSender;
import dev.lethe.testsupport.S3Server;
import dev.lethe.testsupport.TestInfrastructure;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import software.amazon.awssdk.core.sync.RequestBody;
import tools.jackson.databind.JsonNode;

/**
 * One request whose plan spans every resource type, with {@code depends-on} across types: a jdbc table, Redis keys,
 * objects in S3, a downstream HTTP service, files under a root and a compacted topic. It completes in dependency
 * order and {@code REQUEST_COMPLETED.summary} lists each resource. Subject type {@code mixed-user} only.
 */
@LetheIntegrationTest
@TestPropertySource(properties = {
        "lethe.resources.mixed_rows.type=jdbc",
        "lethe.resources.mixed_rows.subject-type=mixed-user",
        "lethe.resources.mixed_rows.datasource=app",
        "lethe.resources.mixed_rows.table=notes",
        "lethe.resources.mixed_rows.subject-column=owner_id",
        "lethe.resources.mixed_rows.depends-on=mixed_files,mixed_service,mixed_profile",
        "lethe.resources.mixed_files.type=filesystem",
        "lethe.resources.mixed_files.subject-type=mixed-user",
        "lethe.resources.mixed_files.paths=users/{id}",
        "lethe.resources.mixed_files.depends-on=mixed_objects",
        "lethe.resources.mixed_objects.type=s3",
        "lethe.resources.mixed_objects.subject-type=mixed-user",
        "lethe.resources.mixed_objects.prefix=users/{id}/",
        "lethe.resources.mixed_objects.path-style=true",
        "lethe.resources.mixed_objects.access-key=" + S3Server.ACCESS_KEY,
        "lethe.resources.mixed_objects.secret-key=" + S3Server.SECRET_KEY,
        "lethe.resources.mixed_objects.depends-on=mixed_cache",
        "lethe.resources.mixed_cache.type=redis",
        "lethe.resources.mixed_cache.subject-type=mixed-user",
        "lethe.resources.mixed_cache.redis=mixed",
        "lethe.resources.mixed_service.type=http",
        "lethe.resources.mixed_service.subject-type=mixed-user",
        "lethe.resources.mixed_service.items-pointer=/deleted",
        "lethe.resources.mixed_service.depends-on=mixed_cache",
        "lethe.resources.mixed_profile.type=kafka",
        "lethe.resources.mixed_profile.subject-type=mixed-user",
        "lethe.resources.mixed_profile.key=profile-{id}"})
class MixedResourcesIntegrationTests {

    private static final String PREFIX = RedisServer.uniquePrefix("mixed");
    private static final String BUCKET = "mixed-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String TOPIC = "mixed-profiles-" + UUID.randomUUID().toString().substring(0, 8);
    private static final WireMockServer SERVICE = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    private static Path root;

    @Autowired
    RequestSender requests;
    @Autowired
    AuditLog audit;
    @Autowired
    AppDatabase app;

    @DynamicPropertySource
    static void stores(DynamicPropertyRegistry registry) throws Exception {
        RedisServer redis = RedisServer.require();
        root = Files.createTempDirectory("lethe-mixed");
        S3Server.get().createBucket(BUCKET, true);
        SERVICE.start();
        CreatedTopics.create(TestInfrastructure.kafka().getBrokersAsString(), new NewTopic(TOPIC, Optional.of(1),
                Optional.empty()).configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
        registry.add("lethe.redis.mixed.url", redis::url);
        registry.add("lethe.resources.mixed_cache.keys", () -> PREFIX + ":session:{id}," + PREFIX + ":cart:{id}:*");
        registry.add("lethe.resources.mixed_files.root", root::toString);
        registry.add("lethe.resources.mixed_objects.bucket", () -> BUCKET);
        registry.add("lethe.resources.mixed_objects.endpoint", () -> S3Server.get().endpoint().toString());
        registry.add("lethe.resources.mixed_service.url", () -> SERVICE.baseUrl() + "/contacts/{id}");
        registry.add("lethe.resources.mixed_profile.topic", () -> TOPIC);
    }

    @AfterAll
    static void stopService() {
        SERVICE.stop();
    }

    @Test
    void aPlanAcrossEveryTypeCompletesInDependencyOrderAndTheSummaryListsEachResource() throws Exception {
        String id = app.newNoteOwner("mixed", 2);
        seed(id);
        DeletionRequests request = aDeletionRequest().ofType("mixed-user").forSubject(id);

        requests.send(request);

        List<JsonNode> events = audit.awaitTerminal(request.requestId());
        assertThatEvents(events).endWith("REQUEST_COMPLETED")
                .haveTask("mixed_cache", "DELETED", 3)
                .haveTask("mixed_objects", "DELETED", 2)
                .haveTask("mixed_service", "DELETED", 4)
                .haveTask("mixed_files", "DELETED", 2)
                .haveTask("mixed_profile", "DELETED", 1)
                .haveTask("mixed_rows", "DELETED", 2);
        JsonNode summary = events.get(events.size() - 1).path("summary");
        assertThat(summary.path("resources").propertyNames()).containsExactlyInAnyOrder("mixed_cache", "mixed_objects",
                "mixed_service", "mixed_files", "mixed_profile", "mixed_rows");
        assertThat(summary.path("totalItems").asLong()).isEqualTo(14);
        List<String> completed = events.stream().filter(e -> e.path("type").asString().equals("TASK_COMPLETED"))
                .map(e -> e.path("resource").asString()).toList();
        assertThat(completed.indexOf("mixed_cache")).isLessThan(completed.indexOf("mixed_objects"))
                .isLessThan(completed.indexOf("mixed_service"));
        assertThat(completed.indexOf("mixed_objects")).isLessThan(completed.indexOf("mixed_files"));
        assertThat(completed.indexOf("mixed_rows")).isEqualTo(completed.size() - 1);

        assertThat(redisKeys(id)).isZero();
        assertThat(S3Server.get().client().listObjectVersions(r -> r.bucket(BUCKET).prefix("users/" + id + "/")).versions())
                .isEmpty();
        assertThat(Files.exists(root.resolve("users").resolve(id))).isFalse();
        SERVICE.verify(1, deleteRequestedFor(urlPathEqualTo("/contacts/" + id)));
        assertThat(latestProfileValue("profile-" + id)).as("a tombstone is the latest record").isEmpty();
    }

    private void seed(String id) throws Exception {
        try (RedisClient client = RedisClient.create(RedisServer.require().url());
                StatefulRedisConnection<String, String> redis = client.connect()) {
            redis.sync().set(PREFIX + ":session:" + id, "s");
            redis.sync().set(PREFIX + ":cart:" + id + ":1", "c");
            redis.sync().set(PREFIX + ":cart:" + id + ":2", "c");
        }
        var s3 = S3Server.get().client();
        s3.putObject(r -> r.bucket(BUCKET).key("users/" + id + "/a.jpg"), RequestBody.fromString("a"));
        s3.putObject(r -> r.bucket(BUCKET).key("users/" + id + "/b.jpg"), RequestBody.fromString("b"));
        Path home = Files.createDirectories(root.resolve("users").resolve(id).resolve("uploads"));
        Files.writeString(home.resolve("1.txt"), "1");
        Files.writeString(home.getParent().resolve("avatar.png"), "2");
        SERVICE.stubFor(WireMock.delete(urlPathMatching("/contacts/.*"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"deleted\":4}")));
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<>(Map.<String, Object>of(
                org.apache.kafka.clients.producer.ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.kafka().getBrokersAsString()),
                new org.apache.kafka.common.serialization.ByteArraySerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(TOPIC,
                    ("profile-" + id).getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8)))
                    .get(30, TimeUnit.SECONDS);
        }
    }

    private long redisKeys(String id) {
        try (RedisClient client = RedisClient.create(RedisServer.require().url());
                StatefulRedisConnection<String, String> redis = client.connect()) {
            return redis.sync().exists(PREFIX + ":session:" + id, PREFIX + ":cart:" + id + ":1", PREFIX + ":cart:" + id + ":2");
        }
    }

    private static Optional<byte[]> latestProfileValue(String key) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.kafka().getBrokersAsString(), ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<byte[], byte[]>> matching = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(TOPIC, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            while (consumer.position(partition) < end) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (key.equals(new String(record.key(), StandardCharsets.UTF_8))) {
                        matching.add(record);
                    }
                });
            }
        }
        assertThat(matching).as("records of %s", key).isNotEmpty();
        return Optional.ofNullable(matching.get(matching.size() - 1).value());
    }
}
