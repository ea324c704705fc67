package dev.lethe.cleaners.s3;

import static dev.lethe.testsupport.AuditAssertions.assertThatEvents;
import static dev.lethe.testsupport.DeletionRequests.aDeletionRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lethe.testsupport.AuditLog;
import dev.lethe.testsupport.DeletionRequests;
import dev.lethe.testsupport.LetheIntegrationTest;
import dev.lethe.testsupport.LogCapture;
import dev.lethe.testsupport.RequestSender;
import dev.lethe.testsupport.S3Server;
import dev.lethe.testsupport.TcpProxy;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import tools.jackson.databind.JsonNode;

/**
 * The s3 type end to end: requests through the real Kafka broker, the ledger on the real PostgreSQL, objects in a
 * real S3-compatible server (S3Mock, {@link S3Server}): a versioned bucket ({@code s3_photos}), an unversioned one
 * reached through a proxy the test cuts ({@code s3_flaky}), and a bucket that does not exist ({@code s3_missing}).
 * Every resource serves the subject type {@code s3-user} only, so no other test's plan changes.
 */
@LetheIntegrationTest
@TestPropertySource(properties = {
        "lethe.resources.s3_photos.type=s3",
        "lethe.resources.s3_photos.subject-type=s3-user",
        "lethe.resources.s3_photos.categories=photos",
        "lethe.resources.s3_photos.prefix=users/{id}/",
        "lethe.resources.s3_photos.path-style=true",
        "lethe.resources.s3_photos.access-key=" + S3Server.ACCESS_KEY,
        "lethe.resources.s3_photos.secret-key=" + S3Server.SECRET_KEY,
        "lethe.resources.s3_flaky.type=s3",
        "lethe.resources.s3_flaky.subject-type=s3-user",
        "lethe.resources.s3_flaky.categories=flaky",
        "lethe.resources.s3_flaky.prefix=users/{id}/",
        "lethe.resources.s3_flaky.region=" + S3Server.REGION,
        "lethe.resources.s3_flaky.path-style=true",
        "lethe.resources.s3_flaky.access-key=" + S3Server.ACCESS_KEY,
        "lethe.resources.s3_flaky.secret-key=" + S3Server.SECRET_KEY,
        "lethe.resources.s3_flaky.max-attempts=1000",
        "lethe.resources.s3_flaky.max-age=10m",
        "lethe.resources.s3_flaky.resilience.call-timeout=5s",
        "lethe.resources.s3_flaky.resilience.retry-attempts=1",
        "lethe.resources.s3_flaky.resilience.breaker-minimum-calls=2",
        "lethe.resources.s3_flaky.resilience.breaker-window=4",
        "lethe.resources.s3_flaky.resilience.breaker-open-wait=500ms",
        "lethe.resources.s3_missing.type=s3",
        "lethe.resources.s3_missing.subject-type=s3-user",
        "lethe.resources.s3_missing.categories=missing",
        "lethe.resources.s3_missing.prefix=users/{id}/",
        "lethe.resources.s3_missing.path-style=true",
        "lethe.resources.s3_missing.access-key=" + S3Server.ACCESS_KEY,
        "lethe.resources.s3_missing.secret-key=" + S3Server.SECRET_KEY})
class S3ResourceIntegrationTests {

    private static final String SUBJECT_TYPE = "s3-user";
    private static final String PHOTOS = "photos-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String FLAKY = "flaky-" + UUID.randomUUID().toString().substring(0, 8);
    private static TcpProxy proxy;

    @Autowired
    RequestSender requests;
    @Autowired
    AuditLog audit;
    @Autowired
    CircuitBreakerRegistry breakers;

    private final S3Client s3 = S3Server.get().client();

    @DynamicPropertySource
    static void s3(DynamicPropertyRegistry registry) {
        S3Server server = S3Server.get();
        server.createBucket(PHOTOS, true);
        server.createBucket(FLAKY, false);
        proxy = new TcpProxy("127.0.0.1", server.port());
        TcpProxy started = proxy;
        // Closed when the JVM ends: the cached context's worker keeps using it until then.
        Runtime.getRuntime().addShutdownHook(new Thread(started::close, "s3-proxy-close"));
        registry.add("lethe.resources.s3_photos.bucket", () -> PHOTOS);
        registry.add("lethe.resources.s3_photos.endpoint", () -> server.endpoint().toString());
        registry.add("lethe.resources.s3_flaky.bucket", () -> FLAKY);
        registry.add("lethe.resources.s3_flaky.endpoint", () -> "http://127.0.0.1:" + proxy.port());
        registry.add("lethe.resources.s3_missing.bucket", () -> "no-such-bucket-" + UUID.randomUUID());
        registry.add("lethe.resources.s3_missing.endpoint", () -> server.endpoint().toString());
    }

    @AfterAll
    static void restoreProxy() {
        proxy.restore();
    }

    @Test
    void hardDeletesEveryVersionAndDeleteMarkerUnderTheSubjectsPrefixAndNothingElse() {
        String id = newId();
        put(PHOTOS, "users/" + id + "/a", "users/" + id + "/a", "users/" + id + "/b", "users/" + id + "0/a",
                "users/" + id + "/../x");
        s3.deleteObject(request -> request.bucket(PHOTOS).key("users/" + id + "/b")); // a marker over b's version
        DeletionRequests request = request(id).including("photos");

        requests.send(request);

        // a: 2 versions; b: a version and a delete marker; "<id>/../x" too, S3 keys are not paths: it is under the prefix.
        assertThatEvents(audit.awaitTerminal(request.requestId())).endWith("REQUEST_COMPLETED")
                .haveTask("s3_photos", "DELETED", 5).haveAttempts("s3_photos", 1);
        assertThat(versions(PHOTOS, "users/" + id + "/")).isEmpty();
        assertThat(versions(PHOTOS, "users/" + id + "0/")).hasSize(1);

        DeletionRequests again = request(id).including("photos");
        requests.send(again);
        assertThatEvents(audit.awaitTerminal(again.requestId())).endWith("REQUEST_COMPLETED")
                .haveTask("s3_photos", "NOTHING_FOUND", 0);
    }

    @Test
    void aDryRunCountsVersionsAndChangesNothingAndASoftRunIsSkipped() {
        String id = newId();
        put(PHOTOS, "users/" + id + "/a", "users/" + id + "/a", "users/" + id + "/b");
        DeletionRequests dryRun = request(id).including("photos").dryRun();
        DeletionRequests soft = request(id).including("photos").soft();
        DeletionRequests softDryRun = request(id).including("photos").soft().dryRun();

        requests.send(dryRun);
        requests.send(soft);
        requests.send(softDryRun);

        assertThatEvents(audit.awaitTerminal(dryRun.requestId())).endWith("REQUEST_COMPLETED").allDryRun()
                .haveTask("s3_photos", "DRY_RUN", 3);
        assertThatEvents(audit.awaitTerminal(soft.requestId())).endWith("REQUEST_COMPLETED")
                .haveTask("s3_photos", "SKIPPED", 0).haveAttempts("s3_photos", 0);
        assertThatEvents(audit.awaitTerminal(softDryRun.requestId())).endWith("REQUEST_COMPLETED")
                .haveTask("s3_photos", "SKIPPED", 0);
        assertThat(versions(PHOTOS, "users/" + id + "/")).hasSize(3);
    }

    @Test
    void aSubjectWithoutObjectsIsNothingFound() {
        DeletionRequests request = request(newId()).including("photos");

        requests.send(request);

        assertThatEvents(audit.awaitTerminal(request.requestId())).endWith("REQUEST_COMPLETED")
                .haveTask("s3_photos", "NOTHING_FOUND", 0);
    }

    @Test
    void idsWithDelimitersDotsOrPatternCharactersReachOnlyTheirOwnEscapedPrefix() {
        String base = newId();
        List<String> bystanders = List.of("users/" + base + "/a/x", "users/" + base + "/b", "users/" + base + "0/c",
                "users/" + base + "/../d", "users/../e");
        put(PHOTOS, bystanders.toArray(String[]::new));
        put(PHOTOS, "users/" + base + "%2Fa/x", "users/" + base + "%2Fa/y"); // where subject "<base>/a" keeps its objects
        List<DeletionRequests> sent = new ArrayList<>();
        for (String id : List.of(base + "/", base + "/..", base + "/../" + base, base + "*", base + "?", base + "[0]",
                "..", ".", "/", "*")) {
            sent.add(request(id).including("photos"));
        }
        DeletionRequests owner = request(base + "/a").including("photos");

        requests.sendTogether(sent.toArray(DeletionRequests[]::new));
        requests.send(owner);

        for (DeletionRequests request : sent) {
            assertThatEvents(audit.awaitTerminal(request.requestId())).endWith("REQUEST_COMPLETED")
                    .haveTask("s3_photos", "NOTHING_FOUND", 0);
        }
        assertThatEvents(audit.awaitTerminal(owner.requestId())).endWith("REQUEST_COMPLETED")
                .haveTask("s3_photos", "DELETED", 2);
        List<String> left = new ArrayList<>(versions(PHOTOS, "users/" + base));
        left.addAll(versions(PHOTOS, "users/../"));
        assertThat(left).containsExactlyInAnyOrderElementsOf(bystanders);
    }

    @Test
    void manySubjectsSentTogetherAreEachErasedAndCountedAndNoSubjectValueIsLoggedOrAudited() {
        List<String> ids = new ArrayList<>();
        List<DeletionRequests> sent = new ArrayList<>();
        List<String> lines;
        try (LogCapture logs = LogCapture.atDebug("dev.lethe", "org.springframework.kafka.listener")) {
            for (int i = 0; i < 6; i++) {
                String id = "s3-secret-" + UUID.randomUUID();
                ids.add(id);
                put(PHOTOS, "users/" + id + "/a", "users/" + id + "/b");
                put(PHOTOS, "users/" + id + "/b");
                sent.add(request(id).including("photos"));
            }
            requests.sendTogether(sent.toArray(DeletionRequests[]::new));
            for (DeletionRequests request : sent) {
                assertThatEvents(audit.awaitTerminal(request.requestId())).endWith("REQUEST_COMPLETED")
                        .haveTask("s3_photos", "DELETED", 3);
            }
            assertThat(logs.debugEvents()).as("debug logging was on").isPositive();
            lines = logs.lines();
        }
        ids.forEach(id -> assertThat(versions(PHOTOS, "users/" + id + "/")).isEmpty());
        List<String> events = new ArrayList<>();
        sent.forEach(request -> audit.eventsOf(request.requestId()).forEach(event -> events.add(event.toString())));
        for (String id : ids) {
            List<String> forms = List.of(id, HexFormat.of().formatHex(id.getBytes(StandardCharsets.UTF_8)),
                    URLEncoder.encode("users/" + id + "/", StandardCharsets.UTF_8));
            for (String form : forms) {
                assertThat(lines).as("log lines").noneMatch(line -> line.toLowerCase().contains(form.toLowerCase()));
                assertThat(events).as("audit events").noneMatch(event -> event.contains(form));
            }
        }
    }

    @Test
    void aStoreThatCannotBeReachedIsRetriedBehindTheBreakerUntilItIsBack() {
        String id = newId();
        put(FLAKY, "users/" + id + "/a", "users/" + id + "/b", "users/" + id + "x/c");
        DeletionRequests request = request(id).including("flaky");
        CircuitBreaker breaker = breakers.circuitBreaker("s3_flaky");
        proxy.cut();
        try {
            requests.send(request);
            await().atMost(Duration.ofSeconds(60)).until(() -> breaker.getState() == CircuitBreaker.State.OPEN);
            assertThat(audit.eventsOf(request.requestId())).extracting(event -> event.path("type").asString())
                    .containsExactly("REQUEST_ACCEPTED");
        } finally {
            proxy.restore();
        }

        List<JsonNode> events = audit.awaitTerminal(request.requestId());
        assertThatEvents(events).endWith("REQUEST_COMPLETED").haveTask("s3_flaky", "DELETED", 2);
        assertThat(events).noneMatch(event -> event.path("type").asString().equals("TASK_FAILED"));
        assertThat(events.get(1).path("attempts").asInt()).isGreaterThan(1);
        assertThat(keys(FLAKY, "users/" + id)).containsExactly("users/" + id + "x/c");
    }

    @Test
    void aBucketThatDoesNotExistFailsTheTaskAtOnce() {
        DeletionRequests request = request(newId()).including("missing");

        requests.send(request);

        List<JsonNode> events = audit.awaitTerminal(request.requestId());
        assertThatEvents(events).endWith("REQUEST_FAILED").haveFailedTask("s3_missing");
        JsonNode failed = events.stream().filter(event -> event.path("type").asString().equals("TASK_FAILED"))
                .findFirst().orElseThrow();
        assertThat(failed.path("attempts").asInt()).isEqualTo(1);
        assertThat(failed.path("error").asString()).contains("lethe.resources.s3_missing", "NoSuchBucket");
    }

    private static DeletionRequests request(String id) {
        return aDeletionRequest().ofType(SUBJECT_TYPE).forSubject(id);
    }

    private static String newId() {
        return "s3-" + UUID.randomUUID();
    }

    private void put(String bucket, String... keys) {
        for (String key : keys) {
            s3.putObject(request -> request.bucket(bucket).key(key), RequestBody.fromString("data"));
        }
    }

    /** The keys of every version and delete marker under the prefix, one entry each. */
    private List<String> versions(String bucket, String prefix) {
        ListObjectVersionsResponse response = s3.listObjectVersions(request -> request.bucket(bucket).prefix(prefix));
        List<String> keys = new ArrayList<>();
        response.versions().forEach(version -> keys.add(version.key()));
        response.deleteMarkers().forEach(marker -> keys.add(marker.key()));
        return keys;
    }

    private List<String> keys(String bucket, String prefix) {
        return s3.listObjectsV2Paginator(request -> request.bucket(bucket).prefix(prefix)).contents().stream()
                .map(object -> object.key()).toList();
    }
}
