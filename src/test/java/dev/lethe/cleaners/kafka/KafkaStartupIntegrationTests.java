package dev.lethe.cleaners.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.LetheApplication;
import dev.lethe.testsupport.TestInfrastructure;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The topic of a kafka resource is checked when the worker starts: one that is not compacted, or does not exist,
 * stops start-up with one message naming the setting; a cluster that cannot be reached is logged and checked later.
 */
@ExtendWith(OutputCaptureExtension.class)
class KafkaStartupIntegrationTests {

    @Test
    void aTopicThatIsNotCompactedStopsStartUpNamingTheSetting(CapturedOutput output) {
        String topic = TestTopics.create("lethe-it-plain", 1, Map.of("cleanup.policy", "delete"));
        String message = "lethe.resources.profiles.topic: topic '" + topic + "' is not compacted (cleanup.policy=delete):"
                + " a tombstone would not erase the key's earlier records";

        assertThatThrownBy(() -> start(topic, null)).rootCause().hasMessage(message);
        assertThat(output.getAll()).contains("APPLICATION FAILED TO START").contains(message);
    }

    @Test
    void aTopicThatDoesNotExistStopsStartUpNamingTheSetting(CapturedOutput output) {
        String topic = "lethe-it-missing-" + UUID.randomUUID();
        String message = "lethe.resources.profiles.topic: topic '" + topic + "' does not exist";

        assertThatThrownBy(() -> start(topic, null)).rootCause().hasMessage(message);
        assertThat(output.getAll()).contains("APPLICATION FAILED TO START").contains(message);
    }

    @Test
    void aClusterThatCannotBeReachedAtStartIsLoggedAndTheWorkerStarts(CapturedOutput output) throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }

        start("profiles", "127.0.0.1:" + closed);

        assertThat(output.getAll()).contains("lethe.resources.profiles.topic: topic 'profiles' could not be checked at"
                + " start (127.0.0.1:" + closed + " unreachable?");
    }

    /** Starts (and stops) the worker with one kafka resource on this topic, on Lethe's cluster unless {@code servers}. */
    private static void start(String topic, String servers) {
        String database = "lethe_kstart_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        var postgres = TestInfrastructure.postgres();
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("spring.datasource.url", postgres.createDatabase(database));
        settings.put("spring.datasource.username", postgres.user());
        settings.put("spring.kafka.bootstrap-servers", TestTopics.bootstrapServers());
        // Topics and group of its own: a worker that starts must not read another test's requests.
        settings.put("spring.kafka.consumer.group-id", database);
        settings.put("lethe.topics.requests", database + ".requests");
        settings.put("lethe.topics.dead-letter", database + ".requests.DLT");
        settings.put("lethe.topics.audit", database + ".audit");
        settings.put("server.port", "0");
        settings.put("lethe.audit.subject-key", "startup-test-subject-key-of-32-bytes");
        settings.put("lethe.resources.profiles.type", "kafka");
        settings.put("lethe.resources.profiles.topic", topic);
        settings.put("lethe.resources.profiles.key", "profile:{id}");
        if (servers != null) {
            settings.put("lethe.resources.profiles.bootstrap-servers", servers);
            // Short, so that the check gives up soon on the closed port; on a reachable cluster the check keeps its
            // full limit, which a busy machine's first admin client may need (a check that times out lets start-up go on).
            settings.put("lethe.resources.profiles.resilience.call-timeout", "2s");
        }
        String[] args = settings.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        new SpringApplicationBuilder(LetheApplication.class).run(args).close();
    }
}
