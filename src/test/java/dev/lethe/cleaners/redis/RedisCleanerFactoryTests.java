package dev.lethe.cleaners.redis;

import static dev.lethe.testsupport.ResourceFixtures.aResource;
import static dev.lethe.testsupport.ResourceFixtures.settingsFrom;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.core.InvalidConfigurationException;
import dev.lethe.plan.ResilienceSettings;
import dev.lethe.plan.Resource;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * The type's settings ({@code lethe.resources.<name>.*}) and connections ({@code lethe.redis.<name>.*}) are bound
 * and checked at start-up, each problem stopping it with one message naming the setting. Nothing here connects.
 */
class RedisCleanerFactoryTests {

    private final Resource sessions = new Resource("sessions", aResource().ofType("redis").build());
    private RedisTargets targets;

    @AfterEach
    void shutDown() {
        if (targets != null) {
            targets.destroy();
        }
    }

    @Test
    void bindsItsSettingsAndCannotSoftDelete() {
        var cleaner = factory(Map.of("lethe.redis.cache.url", "redis://127.0.0.1:6379"))
                .create(sessions, settingsFrom(Map.of(
                        "lethe.resources.sessions.redis", "cache",
                        "lethe.resources.sessions.keys[0]", "session:{id}",
                        "lethe.resources.sessions.keys[1]", "cart:{tenant}:{id}:*",
                        "lethe.resources.sessions.hash-fields[0].key", "profiles",
                        "lethe.resources.sessions.hash-fields[0].field", "{id}",
                        "lethe.resources.sessions.set-members[0].key", "online:{tenant}",
                        "lethe.resources.sessions.set-members[0].member", "{sha256}",
                        "lethe.resources.sessions.scan-count", "50")));

        assertThat(cleaner.supportsSoftDelete()).isFalse();
        assertThat(cleaner).isInstanceOf(RedisCleaner.class);
    }

    @Test
    void bindsClusterAndCredentialsOfAConnection() {
        Map<String, String> properties = Map.of(
                "lethe.redis.cache.url", "redis://cache-1.internal:7000",
                "lethe.redis.cache.cluster", "true",
                "lethe.redis.cache.username", "lethe",
                "lethe.redis.cache.password", "secret",
                "lethe.redis.cache.connect-timeout", "2s");
        RedisConnectionsProperties bound = bind(properties);

        assertThat(bound.redis().get("cache").cluster()).isTrue();
        assertThat(bound.redis().get("cache").connectTimeout()).hasSeconds(2);
        targets = new RedisTargets(bound);
        assertThat(targets.get("cache", "x").setting()).isEqualTo("lethe.redis.cache");
    }

    @Test
    void anUnknownRedisStopsStartUpNamingTheSetting() {
        var factory = factory(Map.of("lethe.redis.cache.url", "redis://127.0.0.1:6379"));

        assertThatThrownBy(() -> factory.create(sessions, settingsFrom(Map.of(
                "lethe.resources.sessions.redis", "sessions-cache",
                "lethe.resources.sessions.keys[0]", "session:{id}"))))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("lethe.resources.sessions.redis names unknown redis 'sessions-cache' "
                        + "(configure it under lethe.redis)");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // setting                       | value             | message starts with
            "keys[0]                         | session:{user}    | lethe.resources.sessions.keys[0]: unknown placeholder {user}",
            "keys[0]                         | session:all       | lethe.resources.sessions.keys[0] must contain {id} or {sha256}",
            "keys[0]                         | cart:{tenant}:*   | lethe.resources.sessions.keys[0] must contain {id} or {sha256}",
            "keys[0]                         | cart:{id}*        | lethe.resources.sessions.keys[0]: a wildcard",
            "keys[0]                         | cart:*{id}        | lethe.resources.sessions.keys[0]: a wildcard",
            "keys[0]                         | cart:{id}?:*      | lethe.resources.sessions.keys[0]: a wildcard",
            "keys[0]                         | cart:[{id}]:*     | lethe.resources.sessions.keys[0]: a wildcard",
            "hash-fields[0].key              | profiles:*        | lethe.resources.sessions.hash-fields[0].key must not contain '*'",
            "set-members[0].member           | {id}*             | lethe.resources.sessions.set-members[0].member must not contain '*'",
            "scan-count                      | 0                 | lethe.resources.sessions.scan-count ",
            "scan-count                      | many              | lethe.resources.sessions.scan-count",
    })
    void aWrongSettingStopsStartUpNamingIt(String setting, String value, String message) {
        Map<String, String> properties = new HashMap<>(Map.of(
                "lethe.resources.sessions.redis", "cache",
                "lethe.resources.sessions.keys[0]", "session:{id}",
                "lethe.resources.sessions.hash-fields[0].key", "profiles",
                "lethe.resources.sessions.hash-fields[0].field", "{id}",
                "lethe.resources.sessions.set-members[0].key", "online",
                "lethe.resources.sessions.set-members[0].member", "{id}"));
        properties.put("lethe.resources.sessions." + setting, value);
        var factory = factory(Map.of("lethe.redis.cache.url", "redis://127.0.0.1:6379"));

        assertThatThrownBy(() -> factory.create(sessions, settingsFrom(properties)))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void anEntryWhoseKeyAndFieldDoNotNameTheSubjectStopsStartUp() {
        var factory = factory(Map.of("lethe.redis.cache.url", "redis://127.0.0.1:6379"));

        assertThatThrownBy(() -> factory.create(sessions, settingsFrom(Map.of(
                "lethe.resources.sessions.redis", "cache",
                "lethe.resources.sessions.hash-fields[0].key", "profiles",
                "lethe.resources.sessions.hash-fields[0].field", "theme"))))
                .hasMessageStartingWith("lethe.resources.sessions.hash-fields[0] must contain {id} or {sha256}");
    }

    @Test
    void missingSettingsStopStartUpNamingThem() {
        var factory = factory(Map.of("lethe.redis.cache.url", "redis://127.0.0.1:6379"));

        assertThatThrownBy(() -> factory.create(sessions, settingsFrom(Map.of(
                "lethe.resources.sessions.keys[0]", "session:{id}"))))
                .hasMessageStartingWith("lethe.resources.sessions.redis ");
        assertThatThrownBy(() -> factory.create(sessions, settingsFrom(Map.of(
                "lethe.resources.sessions.redis", "cache"))))
                .hasMessage("lethe.resources.sessions.keys is missing: set keys, hash-fields or set-members");
        assertThatThrownBy(() -> factory.create(sessions, settingsFrom(Map.of(
                "lethe.resources.sessions.redis", "cache",
                "lethe.resources.sessions.hash-fields[0].key", "profiles"))))
                .hasMessageStartingWith("lethe.resources.sessions.hash-fields[0].field ");
    }

    @Test
    void aWrongConnectionStopsStartUpNamingItWithoutQuotingTheUrl() {
        assertThatThrownBy(() -> factory(Map.of("lethe.redis.cache.cluster", "true")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("lethe.redis.cache.url is missing");
        assertThatThrownBy(() -> factory(Map.of("lethe.redis.cache.url", "http://user:hunter2@cache:6379")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("lethe.redis.cache.url is not a Redis URI")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> factory(Map.of("lethe.redis.cache.url", "redis://cache:6379",
                "lethe.redis.cache.username", "lethe")))
                .hasMessage("lethe.redis.cache.password is missing (username is set)");
        assertThatThrownBy(() -> factory(Map.of("lethe.redis.cache.url", "redis://cache:6379",
                "lethe.redis.cache.connect-timeout", "0s")))
                .hasMessage("lethe.redis.cache.connect-timeout must be positive");
    }

    private RedisCleanerFactory factory(Map<String, String> connections) {
        targets = new RedisTargets(bind(connections));
        return new RedisCleanerFactory(targets, ResilienceSettings.BUILT_IN);
    }

    private static RedisConnectionsProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("lethe", RedisConnectionsProperties.class);
    }
}
