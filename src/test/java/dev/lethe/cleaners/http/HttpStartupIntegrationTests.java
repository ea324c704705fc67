package dev.lethe.cleaners.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.LetheApplication;
import dev.lethe.testsupport.TestInfrastructure;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Through the worker's own configuration binding (Spring Boot resolves the {@code ${...}} it can first): a header
 * naming an environment variable that is not set, or a body template that cannot give JSON, stops the worker at
 * start with one message naming the setting, and never a header's value.
 */
@ExtendWith(OutputCaptureExtension.class)
class HttpStartupIntegrationTests {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "headers.Authorization=Bearer s3cret ${LETHE_HTTP_TEST_UNSET_VARIABLE}"
                    + " | lethe.resources.orders_api.headers.Authorization: the environment variable "
                    + "LETHE_HTTP_TEST_UNSET_VARIABLE is not set",
            "body={\"user\": {id}} | lethe.resources.orders_api.body must be JSON",
            "url=https://{tenant}.example.com/users/{id} | lethe.resources.orders_api.url must name its host literally"})
    void stopsWithOneMessageNamingTheSetting(String badSetting, String message, CapturedOutput output) {
        assertThatThrownBy(() -> start(badSetting)).rootCause().hasMessageStartingWith(message);
        assertThat(output.getAll()).contains("APPLICATION FAILED TO START").contains(message)
                .doesNotContain("s3cret");
    }

    /** Starts the worker with one http resource whose {@code badSetting} (name=value) replaces or adds one value. */
    private static void start(String badSetting) {
        String database = "lethe_http_startup_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        var postgres = TestInfrastructure.postgres();
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("spring.datasource.url", postgres.createDatabase(database));
        settings.put("spring.datasource.username", postgres.user());
        settings.put("spring.kafka.bootstrap-servers", TestInfrastructure.kafka().getBrokersAsString());
        settings.put("lethe.intake.auto-startup", "false");
        settings.put("server.port", "0");
        settings.put("lethe.audit.subject-key", "startup-test-subject-key-of-32-bytes");
        settings.put("lethe.resources.orders_api.type", "http");
        settings.put("lethe.resources.orders_api.url", "https://orders.example.com/users/{id}");
        settings.put("lethe.resources.orders_api.headers.X-Home", "${HOME}");
        String[] nameAndValue = badSetting.split("=", 2);
        settings.put("lethe.resources.orders_api." + nameAndValue[0], nameAndValue[1]);
        String[] args = settings.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        new SpringApplicationBuilder(LetheApplication.class).run(args).close();
    }
}
