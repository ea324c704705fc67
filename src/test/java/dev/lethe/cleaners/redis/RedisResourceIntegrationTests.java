package dev.lethe.cleaners.redis;

import static dev.lethe.testsupport.AuditAssertions.assertThatEvents;
import static dev.lethe.testsupport.DeletionRequests.aDeletionRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lethe.testsupport.AuditLog;
import dev.lethe.testsupport.DeletionRequests;
import dev.lethe.testsupport.LetheIntegrationTest;
import dev.lethe.testsupport.LogCapture;
import dev.lethe.testsupport.RedisServer;
import dev.lethe.testsupport.RequestSender;
import dev.lethe.testsupport.TcpProxy;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The redis type end to end: requests on the real broker, the ledger on the real PostgreSQL, data in a real Redis
 * (see {@link RedisServer}; skipped when there is none). Three resources under subject types of their own, so no
 * other test's plan changes: {@code redis_cache} (keys, a key pattern, a field of a shared hash, a member of a
 * shared set), {@code redis_prefs} (a field of a per-subject hash: a key of the wrong type fails it for good) and
 * {@code redis_flaky} (behind a {@link TcpProxy} the test cuts, with a budget that outlasts the outage). Keys live
 * under a prefix of this run, removed after; the key templates get it in {@link #redis}.
 */
@LetheIntegrationTest
@DirtiesContext
@TestPropertySource(properties = {
        "lethe.redis.cache.connect-timeout=2s",
        "lethe.redis.flaky.connect-timeout=1s",
        "lethe.resources.redis_cache.type=redis",
        "lethe.resources.redis_cache.redis=cache",
        "lethe.resources.redis_cache.subject-type=redis-user",
        "lethe.resources.redis_cache.categories=cache",
        "lethe.resources.redis_cache.scan-count=50",
        "lethe.resources.redis_prefs.type=redis",
        "lethe.resources.redis_prefs.redis=cache",
        "lethe.resources.redis_prefs.subject-type=redis-prefs",
        "lethe.resources.redis_flaky.type=redis",
        "lethe.resources.redis_flaky.redis=flaky",
        "lethe.resources.redis_flaky.subject-type=redis-member",
        "lethe.resources.redis_flaky.max-attempts=1000",
        "lethe.resources.redis_flaky.max-age=10m",
        // Not short: the cut proxy refuses at once (and commands are rejected while disconnected); a limit that fired
        // after a slow DEL took effect would retry it and find nothing.
        "lethe.resources.redis_flaky.resilience.call-timeout=10s",
        "lethe.resources.redis_flaky.resilience.retry-attempts=1",
        "lethe.resources.redis_flaky.resilience.breaker-window=4",
        "lethe.resources.redis_flaky.resilience.breaker-minimum-calls=2",
        "lethe.resources.redis_flaky.resilience.breaker-open-wait=500ms",
        "lethe.resources.redis_flaky.resilience.breaker-half-open-calls=1"})
class RedisResourceIntegrationTests {

    private static final String P = RedisServer.uniquePrefix("e2e");

    private static RedisServer server;
    private static TcpProxy proxy;
    private static RedisClient seedClient;
    private static StatefulRedisConnection<String, String> seedConnection;

    @Autowired
    RequestSender requests;
    @Autowired
    AuditLog audit;
    @Autowired
    CircuitBreakerRegistry breakers;

    private final RedisCommands<String, String> redis = seedConnection.sync();

    @BeforeAll
    static void connect() {
        server = RedisServer.require();
        seedClient = RedisClient.create(server.url());
        seedConnection = seedClient.connect();
    }

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        // Without a Redis, @BeforeAll has skipped the class before the context loads: nothing connects to these.
        RedisServer redis = RedisServer.available().orElse(null);
        String host = redis == null ? "127.0.0.1" : redis.host();
        int port = redis == null ? 6379 : redis.port();
        proxy = new TcpProxy(host, port);
        registry.add("lethe.redis.cache.url", () -> "redis://" + host + ":" + port);
        registry.add("lethe.redis.flaky.url", () -> "redis://127.0.0.1:" + proxy.port());
        registry.add("lethe.resources.redis_cache.keys[0]", () -> P + ":session:{id}");
        registry.add("lethe.resources.redis_cache.keys[1]", () -> P + ":cart:{id}:*");
        registry.add("lethe.resources.redis_cache.hash-fields[0].key", () -> P + ":profiles");
        registry.add("lethe.resources.redis_cache.hash-fields[0].field", () -> "{id}");
        registry.add("lethe.resources.redis_cache.set-members[0].key", () -> P + ":online");
        registry.add("lethe.resources.redis_cache.set-members[0].member", () -> "{id}");
        registry.add("lethe.resources.redis_prefs.hash-fields[0].key", () -> P + ":prefs:{id}");
        registry.add("lethe.resources.redis_prefs.hash-fields[0].field", () -> "theme");
        registry.add("lethe.resources.redis_flaky.keys[0]", () -> P + ":member:{id}");
    }

    @AfterAll
    static void cleanUp() {
        if (seedConnection != null) {
            RedisCommands<String, String> redis = seedConnection.sync();
            List<String> left = new ArrayList<>();
            ScanIterator.scan(redis, ScanArgs.Builder.matches(P + ":*").limit(1000)).forEachRemaining(left::add);
            if (!left.isEmpty()) {
                redis.unlink(left.toArray(String[]::new));
            }
            seedConnection.close();
            seedClient.shutdown();
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    void hardRemovesTheSubjectsKeysFieldAndMemberAndLeavesABystandersAlone() {
        String user = newId();
        String bystander = user + "0";
        seed(user, 2);
        seed(bystander, 3);
        DeletionRequests request = aDeletionRequest().ofType("redis-user").forSubject(user);

        requests.send(request);

        assertThatEvents(audit.awaitTerminal(request.requestId())).endWith("REQUEST_COMPLETED")
                .havePlan("redis_cache").haveTask("redis_cache", "DELETED", 5).haveAttempts("redis_cache", 1);
        assertThat(dataOf(user)).isZero();
        assertThat(dataOf(bystander)).isEqualTo(6);
    }

    @Test
    void aDryRunCountsAndChangesNothingASoftRunSkipsAndNothingToEraseIsNothingFound() {
        String user = newId();
        seed(user, 3);
        DeletionRequests dryRun = aDeletionRequest().ofType("redis-user").forSubject(user).dryRun();
        DeletionRequests soft = aDeletionRequest().ofType("redis-user").forSubject(user).soft();
        DeletionRequests unknown = aDeletionRequest().ofType("redis-user").forSubject(newId());

        requests.send(dryRun);
        requests.send(soft);
        requests.send(unknown);

        assertThatEvents(audit.awaitTerminal(dryRun.requestId())).endWith("REQUEST_COMPLETED").allDryRun()
                .haveTask("redis_cache", "DRY_RUN", 6);
        assertThatEvents(audit.awaitTerminal(soft.requestId())).endWith("REQUEST_COMPLETED")
                .haveTask("redis_cache", "SKIPPED", 0).haveAttempts("redis_cache", 0);
        assertThatEvents(audit.awaitTerminal(unknown.requestId())).endWith("REQUEST_COMPLETED")
                .haveTask("redis_cache", "NOTHING_FOUND", 0);
        assertThat(dataOf(user)).as("nothing changed").isEqualTo(6);
    }

    @Test
    void idsWithPatternCharactersEraseOnlyTheirOwnKeysAndSeveralSubjectsGoInOneBatch() {
        String base = newId();
        List<String> hostile = List.of(base + "*", base + "?", base + "[x]", base + "[^y]", base + "\\", "../" + base,
                base + "/..");
        List<String> bystanders = List.of(base, base + "x", base + "y", base + "\\x", base + "-", "..");
        hostile.forEach(id -> seed(id, 2));
        bystanders.forEach(id -> seed(id, 1));
        DeletionRequests[] sent = hostile.stream()
                .map(id -> aDeletionRequest().ofType("redis-user").forSubject(id)).toArray(DeletionRequests[]::new);

        requests.sendTogether(sent);

        for (DeletionRequests request : sent) {
            assertThatEvents(audit.awaitTerminal(request.requestId())).endWith("REQUEST_COMPLETED")
                    .haveTask("redis_cache", "DELETED", 5);
        }
        hostile.forEach(id -> assertThat(dataOf(id)).as("data of %s", id).isZero());
        bystanders.forEach(id -> assertThat(dataOf(id)).as("bystander %s", id).isEqualTo(4));
    }

    @Test
    void aKeyOfTheWrongTypeFailsTheTaskAtOnceWithoutNamingTheSubject() {
        String good = newId();
        String bad = newId();
        redis.hset(P + ":prefs:" + good, "theme", "dark");
        redis.set(P + ":prefs:" + bad, "not a hash");
        DeletionRequests fine = aDeletionRequest().ofType("redis-prefs").forSubject(good);
        DeletionRequests broken = aDeletionRequest().ofType("redis-prefs").forSubject(bad);

        requests.send(fine);
        requests.send(broken);

        assertThatEvents(audit.awaitTerminal(fine.requestId())).endWith("REQUEST_COMPLETED")
                .haveTask("redis_prefs", "DELETED", 1);
        List<JsonNode> events = audit.awaitTerminal(broken.requestId());
        assertThatEvents(events).endWith("REQUEST_FAILED").haveFailedTask("redis_prefs");
        JsonNode failed = events.stream().filter(event -> event.path("type").asString().equals("TASK_FAILED"))
                .findFirst().orElseThrow();
        assertThat(failed.path("attempts").asInt()).as("not retried").isEqualTo(1);
        assertThat(failed.path("error").asString()).contains("lethe.resources.redis_prefs.hash-fields[0].key")
                .contains("WRONGTYPE").doesNotContain(bad);
        assertThat(redis.get(P + ":prefs:" + bad)).isEqualTo("not a hash");
    }

    @Test
    void aRedisThatGoesDownIsRetriedBehindTheBreakerUntilItIsBack() {
        String first = newId();
        String second = newId();
        redis.set(P + ":member:" + first, "x");
        redis.set(P + ":member:" + second, "x");
        DeletionRequests before = aDeletionRequest().ofType("redis-member").forSubject(first);
        requests.send(before);
        assertThatEvents(audit.awaitTerminal(before.requestId())).endWith("REQUEST_COMPLETED")
                .haveTask("redis_flaky", "DELETED", 1);
        CircuitBreaker breaker = breakers.circuitBreaker("redis_flaky");
        DeletionRequests during = aDeletionRequest().ofType("redis-member").forSubject(second);

        proxy.cut();
        try {
            requests.send(during);
            await().atMost(Duration.ofSeconds(30)).until(() -> breaker.getState() == CircuitBreaker.State.OPEN);
            assertThat(audit.eventsOf(during.requestId())).extracting(event -> event.path("type").asString())
                    .containsExactly("REQUEST_ACCEPTED");
            assertThat(redis.exists(P + ":member:" + second)).isEqualTo(1);
        } finally {
            proxy.restore();
        }

        List<JsonNode> events = audit.awaitTerminal(during.requestId());
        assertThatEvents(events).endWith("REQUEST_COMPLETED").haveTask("redis_flaky", "DELETED", 1);
        assertThat(events).noneMatch(event -> event.path("type").asString().equals("TASK_FAILED"));
        assertThat(redis.exists(P + ":member:" + second)).isZero();
    }

    @Test
    void noLogLineOrAuditEventCarriesASubjectValue() {
        String user = "redis-secret-" + UUID.randomUUID();
        String pattern = "redis-secret-" + UUID.randomUUID() + "*";
        String broken = "redis-secret-" + UUID.randomUUID();
        seed(user, 2);
        seed(pattern, 1);
        redis.set(P + ":prefs:" + broken, "not a hash");
        List<DeletionRequests> sent = List.of(
                aDeletionRequest().ofType("redis-user").forSubject(user),
                aDeletionRequest().ofType("redis-user").forSubject(pattern).dryRun(),
                aDeletionRequest().ofType("redis-prefs").forSubject(broken));
        List<String> lines;
        try (LogCapture logs = LogCapture.atDebug("dev.lethe", "io.lettuce")) {
            sent.forEach(requests::send);
            sent.forEach(request -> audit.awaitTerminal(request.requestId()));
            assertThat(logs.debugEvents()).as("debug logging was on").isPositive();
            lines = logs.lines();
        }

        assertThat(lines).as("Lettuce logged at debug").anyMatch(line -> line.startsWith("io.lettuce"));
        List<String> events = new ArrayList<>();
        for (DeletionRequests request : sent) {
            audit.rawRecords().stream().filter(record -> key(record).equals(request.requestId()))
                    .forEach(record -> events.add(new String(record.value(), StandardCharsets.UTF_8)));
        }
        assertThat(events).hasSizeGreaterThanOrEqualTo(9);
        for (String subject : List.of(user, pattern, broken)) {
            String hex = HexFormat.of().formatHex(subject.getBytes(StandardCharsets.UTF_8));
            String core = subject.substring("redis-secret-".length(), "redis-secret-".length() + 36);
            assertThat(lines).as("log lines").noneMatch(line -> line.contains(core) || line.toLowerCase().contains(hex));
            assertThat(events).as("audit events").noneMatch(event -> event.contains(core));
        }
    }

    /** {@code items} cart keys, a session, a profile field, an online member: {@code items + 3} things. */
    private void seed(String id, int items) {
        redis.set(P + ":session:" + id, "s");
        for (int i = 0; i < items; i++) {
            redis.set(P + ":cart:" + id + ":" + i, "c");
        }
        redis.hset(P + ":profiles", id, "{}");
        redis.sadd(P + ":online", id);
    }

    /** What is left of what {@link #seed} wrote. */
    private long dataOf(String id) {
        long left = redis.exists(P + ":session:" + id);
        for (int i = 0; i < 10; i++) {
            left += redis.exists(P + ":cart:" + id + ":" + i);
        }
        left += redis.hexists(P + ":profiles", id) ? 1 : 0;
        left += redis.sismember(P + ":online", id) ? 1 : 0;
        return left;
    }

    private static String newId() {
        return "r" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private static String key(ConsumerRecord<byte[], byte[]> record) {
        return new String(record.key(), StandardCharsets.UTF_8);
    }
}
