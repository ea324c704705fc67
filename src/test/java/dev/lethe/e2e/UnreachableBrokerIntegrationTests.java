package dev.lethe.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lethe.testsupport.TestInfrastructure;
import dev.lethe.testsupport.WorkerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The packaged worker started while no Kafka broker answers: it starts anyway and waits for the cluster (health says
 * DOWN), in a few clear lines rather than a line per reconnect attempt or a client configuration dump per health probe.
 */
class UnreachableBrokerIntegrationTests {

    private static final int MAX_LINES = 200;
    private static final Duration WINDOW = Duration.ofSeconds(30);
    private static final Pattern ADMIN_CLIENT = Pattern.compile("clientId=(adminclient-\\d+)");

    @Test
    void waitsForAnUnreachableClusterInFewerThanTwoHundredLinesAndHealthProbesLogNoConfiguration() throws IOException {
        Map<String, String> settings = new LinkedHashMap<>();
        var postgres = TestInfrastructure.postgres();
        settings.put("spring.datasource.url", postgres.createDatabase("lethe_unreachable_" + UUID.randomUUID().toString()
                .replace("-", "").substring(0, 12)));
        settings.put("spring.datasource.username", postgres.user());
        settings.put("spring.datasource.password", postgres.password());
        settings.put("spring.kafka.bootstrap-servers", "127.0.0.1:" + closedPort());
        settings.put("lethe.audit.subject-key", "unreachable-broker-test-subject-key-32");

        try (WorkerProcess worker = WorkerProcess.start("unreachable-broker", settings, List.of())) {
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500))
                    .failFast("worker exited; see " + worker.log(), () -> !worker.isAlive())
                    .until(() -> worker.healthStatus() > 0);
            AtomicInteger probes = new AtomicInteger();

            // Health probes all through the window, as an orchestrator sends them; the log stays short throughout.
            await().during(WINDOW).atMost(WINDOW.plusSeconds(60)).pollInterval(Duration.ofSeconds(2))
                    .until(() -> worker.healthStatus() == 503 && probes.incrementAndGet() > 0 && lines(worker) < MAX_LINES);

            String log = Files.readString(worker.log());
            assertThat(lines(worker)).as("log lines from start to 30 s after (see %s)", worker.log()).isLessThan(MAX_LINES);
            assertThat(probes.get()).isGreaterThanOrEqualTo(5);
            assertThat(log).doesNotContain("Config values:").doesNotContain("Rebootstrapping")
                    .contains("could not create or check topics within 30s (the worker goes on and waits for Kafka");
            assertThat(adminClients(log)).as("one admin client for all health probes, not one per probe")
                    .hasSizeLessThanOrEqualTo(2);
            assertThat(worker.get("/actuator/health")).contains("\"status\":\"DOWN\"");
        }
    }

    private static long lines(WorkerProcess worker) {
        try {
            return Files.readString(worker.log()).lines().count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> adminClients(String log) {
        Matcher matcher = ADMIN_CLIENT.matcher(log);
        return matcher.results().map(result -> result.group(1)).distinct().collect(Collectors.toList());
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
