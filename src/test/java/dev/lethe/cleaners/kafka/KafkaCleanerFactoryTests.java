package dev.lethe.cleaners.kafka;

import static dev.lethe.testsupport.ResourceFixtures.aResource;
import static dev.lethe.testsupport.ResourceFixtures.settingsFrom;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.cleaners.CleanCommand;
import dev.lethe.cleaners.Cleaner;
import dev.lethe.core.DeletionRequest.Mode;
import dev.lethe.core.DeletionRequest.Subject;
import dev.lethe.core.InvalidConfigurationException;
import dev.lethe.plan.ResilienceSettings;
import dev.lethe.plan.Resource;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Settings bound and checked at start; a cluster that cannot be reached fails calls transiently, never hangs them. */
class KafkaCleanerFactoryTests {

    private final KafkaClients clients = new KafkaClients(Map.of(), Map.of());
    private final KafkaCleanerFactory factory = new KafkaCleanerFactory(clients, ResilienceSettings.BUILT_IN);
    private final Resource profiles = new Resource("profiles", aResource().ofType("kafka").build());

    @AfterEach
    void close() {
        clients.close();
    }

    @Test
    void topicAndKeyAreRequired() {
        assertThatThrownBy(() -> factory.create(profiles, settingsFrom(Map.of("lethe.resources.profiles.key", "{id}"))))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageStartingWith("lethe.resources.profiles.topic ");
        assertThatThrownBy(() -> factory.create(profiles, settingsFrom(Map.of("lethe.resources.profiles.topic", "p"))))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageStartingWith("lethe.resources.profiles.key ");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "profile         | lethe.resources.profiles.key must name the subject with {id} or {sha256}: without it every subject's request would write the same tombstone",
            "{tenant}:{type} | lethe.resources.profiles.key must name the subject with {id} or {sha256}: without it every subject's request would write the same tombstone",
            "profile:{user}  | lethe.resources.profiles.key: unknown placeholder {user} (placeholders: {id}, {tenant}, {type}, {sha256})",
    })
    void theKeyMustNameTheSubject(String key, String message) {
        assertThatThrownBy(() -> factory.create(profiles, settingsFrom(Map.of("lethe.resources.profiles.topic", "p",
                "lethe.resources.profiles.key", key)))).isInstanceOf(InvalidConfigurationException.class).hasMessage(message);
    }

    @Test
    void clientPropertiesAreBoundWithTheirDottedNames() {
        KafkaSettings settings = settingsFrom(Map.of("lethe.resources.profiles.topic", "p",
                "lethe.resources.profiles.key", "{id}",
                "lethe.resources.profiles.bootstrap-servers", "kafka-a:9092,kafka-b:9092",
                "lethe.resources.profiles.properties.security.protocol", "SASL_SSL",
                "lethe.resources.profiles.properties.sasl.mechanism", "SCRAM-SHA-512"))
                .bind("profiles", KafkaSettings.class);

        assertThat(settings.ownCluster()).isFalse();
        assertThat(settings.properties()).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512");
        assertThat(settingsFrom(Map.of("lethe.resources.profiles.topic", "p", "lethe.resources.profiles.key", "{id}"))
                .bind("profiles", KafkaSettings.class).ownCluster()).isTrue();
    }

    @Test
    void aClusterUnreachableAtStartIsCheckedByTheFirstCallWhichFailsTransientlyWithinItsTimeLimit() throws Exception {
        Resource remote = new Resource("remote", aResource().ofType("kafka")
                .withResilience(new ResilienceSettings(Duration.ofSeconds(2), null, null, null, null, null, null, null,
                        null, null, null)).build());
        Cleaner cleaner = factory.create(remote, settingsFrom(Map.of("lethe.resources.remote.topic", "profiles",
                "lethe.resources.remote.key", "profile:{id}",
                "lethe.resources.remote.bootstrap-servers", "127.0.0.1:" + closedPort())));

        for (boolean dryRun : new boolean[] {false, true}) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> cleaner.clean(new CleanCommand(new Subject("user", "42", ""), Mode.HARD, dryRun)))
                    .satisfies(e -> assertThat(factory.failureClassifier().isTransient(e)).as(e.toString()).isTrue());
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("within the call's time limit")
                    .isLessThan(Duration.ofSeconds(2));
        }
        assertThat(cleaner.supportsSoftDelete()).isFalse();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
