package dev.lethe.cleaners.redis;

import static dev.lethe.testsupport.ResourceFixtures.aResource;
import static dev.lethe.testsupport.ResourceFixtures.settingsFrom;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.lethe.cleaners.CleanCommand;
import dev.lethe.cleaners.Cleaner;
import dev.lethe.core.DeletionRequest.Mode;
import dev.lethe.core.DeletionRequest.Subject;
import dev.lethe.plan.ResilienceSettings;
import dev.lethe.plan.Resource;
import dev.lethe.testsupport.RedisServer;
import dev.lethe.testsupport.TcpProxy;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The cleaner against a real Redis (see {@link RedisServer}; skipped when there is none): what it removes, what it
 * counts, what it leaves alone, and how it fails. Every key lives under a prefix of this run and is removed after.
 * Redis Cluster is not tested here: there is no cluster to test against.
 */
class RedisCleanerIntegrationTests {

    private static RedisServer server;
    private static RedisClient seedClient;
    private static StatefulRedisConnection<byte[], byte[]> seedConnection;

    private final List<RedisTargets> targets = new ArrayList<>();
    private String p;
    private RedisCommands<byte[], byte[]> redis;

    @BeforeAll
    static void connect() {
        server = RedisServer.require();
        seedClient = RedisClient.create(server.url());
        seedConnection = seedClient.connect(ByteArrayCodec.INSTANCE);
    }

    @AfterAll
    static void disconnect() {
        if (seedClient != null) {
            seedConnection.close();
            seedClient.shutdown();
        }
    }

    @BeforeEach
    void prefix() {
        p = RedisServer.uniquePrefix("cleaner");
        redis = seedConnection.sync();
    }

    @AfterEach
    void cleanUp() {
        targets.forEach(RedisTargets::destroy);
        List<byte[]> left = new ArrayList<>();
        ScanIterator.scan(redis, ScanArgs.Builder.matches(bytes(p + ":*")).limit(1000)).forEachRemaining(left::add);
        if (!left.isEmpty()) {
            redis.unlink(left.toArray(byte[][]::new));
        }
    }

    @Test
    void hardRemovesTheSubjectsKeysFieldsAndMembersCountsThemAndLeavesOthersAlone() throws Exception {
        seedUser("u1");
        seedUser("u2");
        seedUser("u10");
        Cleaner cleaner = userCleaner(server.url());

        assertThat(cleaner.clean(hard("u1"))).as("session + 2 cart keys + profile field + online member").isEqualTo(5);

        assertThat(exists("session:u1", "cart:u1:a", "cart:u1:b")).isZero();
        assertThat(redis.hexists(bytes(p + ":profiles"), bytes("u1"))).isFalse();
        assertThat(redis.sismember(bytes(p + ":online"), bytes("u1"))).isFalse();
        assertThat(exists("session:u2", "cart:u2:a", "cart:u2:b", "session:u10", "cart:u10:a", "cart:u10:b"))
                .isEqualTo(6);
        assertThat(redis.hlen(bytes(p + ":profiles"))).isEqualTo(2);
        assertThat(redis.scard(bytes(p + ":online"))).isEqualTo(2);
        assertThat(cleaner.clean(hard("u1"))).as("a repeated call finds nothing").isZero();
        assertThat(cleaner.clean(hard("nobody"))).isZero();
    }

    @Test
    void aDryRunCountsWhatHardWouldRemoveOnceEachAndChangesNothing() throws Exception {
        seedUser("u1");
        Cleaner cleaner = cleaner(server.url(), Map.of(
                "keys[0]", p + ":session:{id}",
                "keys[1]", p + ":cart:{id}:*",
                "keys[2]", p + ":cart:{id}:a",
                "hash-fields[0].key", p + ":profiles",
                "hash-fields[0].field", "{id}",
                "hash-fields[1].key", p + ":profiles",
                "hash-fields[1].field", "{id}",
                "set-members[0].key", p + ":online",
                "set-members[0].member", "{id}"));

        assertThat(cleaner.clean(dryRun("u1"))).as("cart:u1:a named twice, the field twice: once each").isEqualTo(5);
        assertThat(cleaner.clean(dryRun("u1"))).isEqualTo(5);
        assertThat(exists("session:u1", "cart:u1:a", "cart:u1:b")).isEqualTo(3);
        assertThat(redis.hexists(bytes(p + ":profiles"), bytes("u1"))).isTrue();
        assertThat(redis.sismember(bytes(p + ":online"), bytes("u1"))).isTrue();
        assertThat(cleaner.clean(hard("u1"))).isEqualTo(5);
        assertThat(cleaner.clean(dryRun("u1"))).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a*", "a?", "a[b]", "a[^x]", "a\\", "*", "?", "[", "a]"})
    void anIdWithPatternCharactersMatchesOnlyItselfNeverOtherSubjectsKeys(String id) throws Exception {
        List<String> bystanders = List.of("a", "ab", "ax", "a\\b", "b", "aa*", "xa*");
        for (String other : bystanders) {
            set("cart:" + other + ":1");
            set("session:" + other);
        }
        set("cart:" + id + ":1");
        set("cart:" + id + ":2");
        set("session:" + id);
        Cleaner cleaner = userCleaner(server.url());

        assertThat(cleaner.clean(dryRun(id))).isEqualTo(3);
        assertThat(cleaner.clean(hard(id))).isEqualTo(3);

        assertThat(exists("cart:" + id + ":1", "cart:" + id + ":2", "session:" + id)).isZero();
        for (String other : bystanders) {
            assertThat(exists("cart:" + other + ":1", "session:" + other)).as("bystander %s", other).isEqualTo(2);
        }
    }

    @Test
    void keysAreBinarySafeAndIdsAreUtf8() throws Exception {
        byte[] binary = concat(bytes(p + ":cart:ü:"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 10});
        redis.set(binary, bytes("x"));
        set("session:ü");
        set("session:u");
        Cleaner cleaner = userCleaner(server.url());

        assertThat(cleaner.clean(hard("ü"))).isEqualTo(2);

        assertThat(redis.exists(binary)).isZero();
        assertThat(exists("session:u")).isEqualTo(1);
    }

    @Test
    void manyKeysAreScannedInStepsAndRemovedInSeveralPipelines() throws Exception {
        int keys = 2 * RedisPipeline.PIPELINE_SIZE + 500;
        Map<byte[], byte[]> values = new HashMap<>();
        for (int i = 0; i < keys; i++) {
            values.put(bytes(p + ":event:u1:" + i), bytes("v"));
        }
        redis.mset(values);
        set("event:u2:1");
        Cleaner cleaner = cleaner(server.url(), Map.of("keys[0]", p + ":event:{id}:*", "scan-count", "100"));

        assertThat(cleaner.clean(dryRun("u1"))).isEqualTo(keys);
        assertThat(cleaner.clean(hard("u1"))).isEqualTo(keys);

        assertThat(cleaner.clean(dryRun("u1"))).isZero();
        assertThat(exists("event:u2:1")).isEqualTo(1);
    }

    @Test
    void aBatchCountsEachSubjectAsOneCallEachWouldAndAnIdHoldingTheSeparatorIsRefused() throws Exception {
        set("cart:s:1");
        set("cart:s:2");
        set("cart:t:1");
        Cleaner cleaner = userCleaner(server.url());

        assertThat(cleaner.cleanAll(List.of(dryRun("s"), dryRun("t"), dryRun("s"), dryRun("none"))))
                .as("a dry run counts for each, as separate calls would").containsExactly(2L, 1L, 2L, 0L);
        assertThat(cleaner.cleanAll(List.of(hard("s"), hard("t"), hard("s"), hard("none"))))
                .as("the first gets the keys, a repeat finds them gone").containsExactly(2L, 1L, 0L, 0L);
        assertThat(exists("cart:s:1", "cart:s:2", "cart:t:1")).isZero();

        // "s:x"'s pattern cart:s:x:* would be covered by "s"'s cart:s:*: an id holding the separator is refused.
        set("cart:s:x:1");
        assertThatThrownBy(() -> cleaner.clean(hard("s:x"))).isInstanceOf(dev.lethe.cleaners.AmbiguousSubjectValue.class)
                .hasMessageNotContaining("s:x");
        assertThat(exists("cart:s:x:1")).isEqualTo(1);
    }

    @Test
    void aKeyOfTheWrongTypeFailsTheCallPermanentlyBeforeAnythingIsRemoved() throws Exception {
        redis.hset(bytes(p + ":prefs:good"), bytes("theme"), bytes("dark"));
        set("session:good");
        redis.set(bytes(p + ":prefs:bad"), bytes("not a hash"));
        Cleaner cleaner = cleaner(server.url(), Map.of(
                "keys[0]", p + ":session:{id}",
                "hash-fields[0].key", p + ":prefs:{id}",
                "hash-fields[0].field", "theme"));

        assertThatThrownBy(() -> cleaner.cleanAll(List.of(hard("good"), hard("bad"))))
                .isInstanceOfSatisfying(RedisCallFailure.class, failure -> assertThat(failure.isTransient()).isFalse())
                .hasMessage("lethe.resources.r.hash-fields[0].key: the key holds a string, not a hash (WRONGTYPE)");
        assertThat(redis.hexists(bytes(p + ":prefs:good"), bytes("theme"))).as("nothing removed").isTrue();
        assertThat(exists("session:good")).isEqualTo(1);
        assertThat(cleaner.clean(hard("good"))).isEqualTo(2);
        assertThatThrownBy(() -> cleaner.clean(dryRun("bad"))).isInstanceOf(RedisCallFailure.class)
                .hasMessage("lethe.resources.r.hash-fields[0]: Redis replied WRONGTYPE");
        assertThat(new RedisCleanerFactory(null, null).failureClassifier()
                .isTransient(catchFailure(() -> cleaner.clean(hard("bad"))))).isFalse();
    }

    @Test
    void anUnreachableRedisIsTransientAndTheCleanerRecoversWhenItIsBack() throws Exception {
        set("session:u1");
        set("session:u2");
        try (TcpProxy proxy = new TcpProxy(server.host(), server.port())) {
            Cleaner cleaner = userCleaner("redis://127.0.0.1:" + proxy.port());
            assertThat(cleaner.clean(hard("u1"))).isEqualTo(1);

            proxy.cut();
            Exception down = catchFailure(() -> cleaner.clean(hard("u2")));
            assertThat(down).isInstanceOf(RedisCallFailure.class);
            assertThat(new RedisCleanerFactory(null, null).failureClassifier().isTransient(down))
                    .as(down.getMessage()).isTrue();
            assertThat(down.getMessage()).doesNotContain("u2");

            proxy.restore();
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> cleaner.clean(hard("u2")) == 1);
        }
        assertThat(exists("session:u2")).isZero();
    }

    @Test
    void aRedisThatWasNeverReachableIsTransientToo() {
        // The worker starts while Redis is down: the connection is opened on first use, and retried.
        Cleaner cleaner;
        int port;
        try (TcpProxy proxy = new TcpProxy(server.host(), server.port())) {
            port = proxy.port();
        }
        cleaner = userCleaner("redis://127.0.0.1:" + port);

        Exception down = catchFailure(() -> cleaner.clean(hard("u1")));
        assertThat(down).isInstanceOf(RedisCallFailure.class)
                .hasMessageStartingWith("lethe.resources.r.redis (lethe.redis.cache): Redis unavailable");
        assertThat(new RedisCleanerFactory(null, null).failureClassifier().isTransient(down)).isTrue();
    }

    @Test
    void refusedCredentialsArePermanent() {
        Cleaner cleaner = cleaner(server.url(), Map.of("keys[0]", p + ":session:{id}"),
                Map.of("username", "lethe-nobody", "password", "wrong"));

        Exception refused = catchFailure(() -> cleaner.clean(hard("u1")));
        assertThat(refused).hasMessage("lethe.resources.r.redis (lethe.redis.cache): Redis replied WRONGPASS");
        assertThat(new RedisCleanerFactory(null, null).failureClassifier().isTransient(refused)).isFalse();
    }

    private void seedUser(String id) {
        set("session:" + id);
        set("cart:" + id + ":a");
        set("cart:" + id + ":b");
        redis.hset(bytes(p + ":profiles"), bytes(id), bytes("{\"name\":\"x\"}"));
        redis.sadd(bytes(p + ":online"), bytes(id));
    }

    private Cleaner userCleaner(String url) {
        return cleaner(url, Map.of(
                "keys[0]", p + ":session:{id}",
                "keys[1]", p + ":cart:{id}:*",
                "hash-fields[0].key", p + ":profiles",
                "hash-fields[0].field", "{id}",
                "set-members[0].key", p + ":online",
                "set-members[0].member", "{id}"));
    }

    private Cleaner cleaner(String url, Map<String, String> settings) {
        return cleaner(url, settings, Map.of());
    }

    private Cleaner cleaner(String url, Map<String, String> settings, Map<String, String> connection) {
        Map<String, String> connections = new HashMap<>(Map.of("lethe.redis.cache.url", url,
                "lethe.redis.cache.connect-timeout", "2s"));
        connection.forEach((name, value) -> connections.put("lethe.redis.cache." + name, value));
        RedisTargets made = new RedisTargets(new org.springframework.boot.context.properties.bind.Binder(
                new org.springframework.boot.context.properties.source.MapConfigurationPropertySource(connections))
                .bindOrCreate("lethe", RedisConnectionsProperties.class));
        targets.add(made);
        Map<String, String> properties = new HashMap<>(Map.of("lethe.resources.r.redis", "cache"));
        settings.forEach((name, value) -> properties.put("lethe.resources.r." + name, value));
        Resource resource = new Resource("r", aResource().ofType("redis").build());
        ResilienceSettings fiveSeconds = new ResilienceSettings(Duration.ofSeconds(5), null, null, null, null, null,
                null, null, null, null, null).orElse(ResilienceSettings.BUILT_IN);
        return new RedisCleanerFactory(made, fiveSeconds).create(resource, settingsFrom(properties));
    }

    private static CleanCommand hard(String id) {
        return new CleanCommand(new Subject("user", id, ""), Mode.HARD, false);
    }

    private static CleanCommand dryRun(String id) {
        return new CleanCommand(new Subject("user", id, ""), Mode.HARD, true);
    }

    private void set(String key) {
        redis.set(bytes(p + ":" + key), bytes("v"));
    }

    private long exists(String... keys) {
        long found = 0;
        for (String key : keys) {
            found += redis.exists(bytes(p + ":" + key));
        }
        return found;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static Exception catchFailure(ThrowingCall call) {
        try {
            call.run();
        } catch (Exception e) {
            return e;
        }
        throw new AssertionError("the call did not fail");
    }

    @FunctionalInterface
    private interface ThrowingCall {
        void run() throws Exception;
    }
}
