package dev.lethe.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lethe.LetheApplication;
import dev.lethe.core.StageHealth;
import dev.lethe.testsupport.LetheTestConfiguration;
import dev.lethe.testsupport.TestInfrastructureInitializer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/** Health over HTTP: the status for anyone, details for the operator only, DOWN while a stage is stalled. */
@SpringBootTest(classes = {LetheApplication.class, LetheTestConfiguration.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"lethe.monitoring.operator.password=operator-secret", "lethe.monitoring.stall-threshold=1s"})
@ContextConfiguration(initializers = TestInfrastructureInitializer.class)
@ActiveProfiles("it")
class HealthDetailsIntegrationTests {

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;
    @Autowired
    StageHealth stages;

    /**
     * The Kafka check gives the cluster 3 s, and a busy machine's first one (a new admin client) may take longer: the
     * tests below start from a worker whose health was seen UP once, which is what they are about.
     */
    @BeforeEach
    void awaitHealthUpOnce() {
        await().atMost(Duration.ofSeconds(30)).until(() -> get(null).statusCode() == 200);
    }

    @AfterEach
    void clearStages() {
        stages.succeeded("test-stage");
    }

    @Test
    void anonymousCallersSeeTheStatusButNoDetails() throws Exception {
        HttpResponse<String> health = get(null);

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"").doesNotContain("components").doesNotContain("db");
    }

    @Test
    void theOperatorSeesTheDetails() throws Exception {
        HttpResponse<String> health = get("operator:operator-secret");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("components").contains("\"stages\"").contains("\"kafka\"").contains("\"db\"");
    }

    @Test
    void aWrongPasswordIsRefused() throws Exception {
        assertThat(get("operator:guess").statusCode()).isEqualTo(401);
    }

    @Test
    void aStageFailingLongerThanTheThresholdTurnsHealthDownNamingTheStageAndCause() throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            stages.failed("test-stage", new IllegalStateException("test stage broke"));
            return !stages.stalled().isEmpty();
        });

        HttpResponse<String> anonymous = get(null);
        HttpResponse<String> operator = get("operator:operator-secret");
        stages.succeeded("test-stage");

        assertThat(anonymous.statusCode()).isEqualTo(503);
        assertThat(anonymous.body()).doesNotContain("test-stage");
        assertThat(operator.statusCode()).isEqualTo(503);
        assertThat(operator.body()).contains("\"stages\"").contains("\"test-stage\"").contains("IllegalStateException");
        assertThat(get(null).statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> get(String credentials) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"));
        if (credentials != null) {
            request.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
