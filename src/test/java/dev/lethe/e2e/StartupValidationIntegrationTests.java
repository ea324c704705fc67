package dev.lethe.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.lethe.LetheApplication;
import dev.lethe.cleaners.CleanerRegistry;
import dev.lethe.core.TaskOutcome;
import dev.lethe.testsupport.TestInfrastructure;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Configuration that cannot work stops the worker at start with one message naming the setting, including what only
 * the target database can tell (a missing table or column, a where or mask that is not valid there, a protection
 * query that does not prepare). A target database that cannot be reached does not stop it.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupValidationIntegrationTests {

    private static String appUrl;

    @BeforeAll
    static void createApplicationDatabase() {
        appUrl = TestInfrastructure.createAppDatabase("lethe_startup_app_" + suffix());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "lethe.resources.chats.depends-on=nope | lethe.resources.chats: depends-on names unknown resource 'nope'",
            "lethe.resources.chats.depends-on=chats | lethe.resources.chats: depends-on forms a cycle: chats -> chats",
            "lethe.resources.chats.type=mongodb | lethe.resources.chats: unknown type 'mongodb' (known: ",
            "lethe.resources.chats.table=chats;drop | lethe.resources.chats: table 'chats;drop' is not a plain SQL identifier",
            "lethe.resources.chats.datasource=billing | lethe.resources.chats.datasource names unknown datasource 'billing'",
            "lethe.protection.query=select 1 | lethe.protection.query must have exactly one '?' (the subject id)",
            "lethe.tasks.heartbeat-interval=10s | lethe.tasks.heartbeat-interval (PT10S) must be positive and less than half of lethe.tasks.lease (PT20S)",
            "lethe.resources.chats.subject-value={user} | lethe.resources.chats.subject-value: unknown placeholder {user}",
            "lethe.resources.chats.subject-value={id | lethe.resources.chats.subject-value: unbalanced '{' at position 1",
            "lethe.resources.chats.where=title = 'a') or (true | lethe.resources.chats.where must be one SQL condition on the table's columns; it has a ')' without its '('",
            "lethe.resources.chats.mask.title=redacted | lethe.resources.chats.mask.title must be null, hash or a single-quoted SQL string literal",
            // What only the database can tell.
            "lethe.resources.chats.table=chat | lethe.resources.chats.table: relation \"chat\" does not exist in datasource 'app'",
            "lethe.resources.chats.subject-column=owner_id | lethe.resources.chats.subject-column: no column \"owner_id\" in \"public\".\"chats\" in datasource 'app'",
            "lethe.resources.chats.soft-delete-column=removed_at | lethe.resources.chats.soft-delete-column: no column \"removed_at\" in \"public\".\"chats\" in datasource 'app'",
            "lethe.resources.chats.soft-delete-flag=title | lethe.resources.chats.soft-delete-flag: column \"title\" of \"public\".\"chats\" is text, not boolean",
            "lethe.resources.chats.where=title = | lethe.resources.chats.where: is not a valid condition on \"public\".\"chats\" in datasource 'app' (SQLSTATE 42601 syntax error)",
            "lethe.resources.chats.where=archived | lethe.resources.chats.where: is not a valid condition on \"public\".\"chats\" in datasource 'app' (SQLSTATE 42703 undefined column)",
            "lethe.resources.chats.mask.nickname=null | lethe.resources.chats.mask.nickname: no column \"nickname\" in \"public\".\"chats\" in datasource 'app'",
            "lethe.resources.chats.mask.user_id='none' | lethe.resources.chats.mask.user_id: is not a value of type bigint in \"public\".\"chats\" in datasource 'app' (SQLSTATE 22P02 invalid text representation)",
            "lethe.resources.chats.mask.title=null | lethe.resources.chats.mask.title: column \"title\" of \"public\".\"chats\" is not null, so it cannot be masked with null",
            "lethe.resources.chats.mask.user_id=hash | lethe.resources.chats.mask.user_id: cannot be written to its column of \"public\".\"chats\" in datasource 'app' (SQLSTATE 42804 datatype mismatch)",
            "lethe.protection.query=select 1 from admins where id = ? | lethe.protection.query: does not prepare on datasource 'app' (SQLSTATE 42P01 undefined table)",
            "lethe.protection.query=select 1 from users where id = ? and rank = 1 | lethe.protection.query: does not prepare on datasource 'app' (SQLSTATE 42703 undefined column)",
            "lethe.compliance.deadline=P0D | lethe.compliance.deadline (PT0S) must be a positive ISO-8601 duration",
            "lethe.legal-hold.query=select 1 from legal_holds where user_id = ? | lethe.legal-hold.datasource names unknown datasource 'null'",
            "lethe.legal-hold.datasource=app | lethe.legal-hold.query must be set where lethe.legal-hold.datasource is",
    })
    void stopsWithOneMessageNamingTheSetting(String badSetting, String message, CapturedOutput output) {
        assertThatThrownBy(() -> start(badSetting).close()).rootCause().hasMessageStartingWith(message);
        assertThat(output.getAll()).contains("APPLICATION FAILED TO START").contains(message)
                .doesNotContain("PSQLException:").doesNotContain("ERROR: ");
    }

    /** A key anyone could recompute the subjectRefs with: none, the placeholder text itself, a short one. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "lethe.audit.subject-key= | lethe.audit.subject-key is not set",
            "lethe.audit.subject-key=${LETHE_SUBJECT_KEY_NOT_SET_IN_TESTS} | lethe.audit.subject-key is an unresolved placeholder (the variable it names is not set)",
            "lethe.audit.subject-key=a-key-of-31-bytes-is-too-short! | lethe.audit.subject-key is 31 bytes, shorter than 32",
    })
    void requiresAnUnguessableSubjectKeyOutsideTheDemo(String badSetting, String problem, CapturedOutput output) {
        String message = problem + ": set LETHE_SUBJECT_KEY (or lethe.audit.subject-key) to a secret of at least 32 bytes,"
                + " e.g. the output of: openssl rand -hex 32";

        assertThatThrownBy(() -> start(badSetting).close()).rootCause().hasMessage(message);
        assertThat(output.getAll()).contains("APPLICATION FAILED TO START").contains(message)
                .as("the key itself is never printed").doesNotContain("a-key-of-31-bytes");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "select 1 | lethe.legal-hold.query must have exactly one '?' (the subject id)",
            "select 1 from holds where id = ? | lethe.legal-hold.query: does not prepare on datasource 'app' (SQLSTATE 42P01 undefined table)",
    })
    void stopsOnALegalHoldQueryThatCannotWorkNamingTheSetting(String query, String message, CapturedOutput output) {
        assertThatThrownBy(() -> start(Map.of("lethe.legal-hold.datasource", "app", "lethe.legal-hold.query", query)).close())
                .rootCause().hasMessageStartingWith(message);
        assertThat(output.getAll()).contains("APPLICATION FAILED TO START").contains(message).doesNotContain("ERROR: ");
    }

    @Test
    void theExampleConfigurationPassesItsStartUpChecksAgainstTheSampleSchema() {
        try (ConfigurableApplicationContext worker = start(Map.of("spring.config.additional-location",
                "file:src/examples/lethe.yml"))) {
            CleanerRegistry cleaners = worker.getBean(CleanerRegistry.class);

            assertThat(cleaners.forResource("orders").hardOutcome()).isEqualTo(TaskOutcome.MASKED);
            assertThat(cleaners.forResource("photos").hardOutcome()).isEqualTo(TaskOutcome.DELETED);
            assertThat(cleaners.supportsSoftDelete("albums")).isTrue();
            assertThat(cleaners.supportsSoftDelete("page_views")).isFalse();
        }
    }

    @Test
    void startsWithAnUnreachableDatasourceShowingItInHealthAndOneWarning(CapturedOutput output) throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("lethe.datasources.billing.url", "jdbc:postgresql://127.0.0.1:" + closedPort + "/billing");
        settings.put("lethe.datasources.billing.connection-timeout", "1s");
        for (String resource : new String[] {"invoices", "payments"}) {
            settings.put("lethe.resources." + resource + ".type", "jdbc");
            settings.put("lethe.resources." + resource + ".datasource", "billing");
            settings.put("lethe.resources." + resource + ".table", resource);
            settings.put("lethe.resources." + resource + ".subject-column", "user_id");
        }
        settings.put("lethe.monitoring.operator.password", "operator-secret");

        try (ConfigurableApplicationContext worker = start(settings)) {
            String port = worker.getEnvironment().getProperty("local.server.port");
            // Once the Kafka check has answered in time (a busy machine's first check may take longer than its 3 s).
            await().atMost(Duration.ofSeconds(30)).until(() -> health(port, null).statusCode() == 200);
            HttpResponse<String> anonymous = health(port, null);
            HttpResponse<String> operator = health(port, "operator:operator-secret");

            assertThat(anonymous.statusCode()).isEqualTo(200);
            assertThat(anonymous.body()).contains("\"status\":\"UNREACHABLE\"");
            assertThat(operator.statusCode()).isEqualTo(200);
            JsonNode datasources = JsonMapper.builder().build().readTree(operator.body()).path("components").path("datasources");
            assertThat(datasources.path("status").asString()).isEqualTo("UNREACHABLE");
            assertThat(datasources.path("details").path("app").asString()).isEqualTo("UP");
            assertThat(datasources.path("details").path("billing").asString()).isEqualTo("DOWN");
        }
        assertThat(output.getAll().split("lethe.datasources.billing is unreachable at start", -1))
                .as("one warning for the datasource, not one per resource").hasSize(2);
        assertThat(output.getAll()).doesNotContain("APPLICATION FAILED TO START");
    }

    private static HttpResponse<String> health(String port, String credentials) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"));
        if (credentials != null) {
            request.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Starts the worker with a working configuration in which {@code badSetting} (name=value) replaces one value. */
    private static ConfigurableApplicationContext start(String badSetting) {
        String[] nameAndValue = badSetting.split("=", 2);
        return start(Map.of(nameAndValue[0], nameAndValue[1]));
    }

    private static ConfigurableApplicationContext start(Map<String, String> overrides) {
        var postgres = TestInfrastructure.postgres();
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("spring.datasource.url", postgres.createDatabase("lethe_startup_" + suffix()));
        settings.put("spring.datasource.username", postgres.user());
        settings.put("spring.datasource.password", postgres.password());
        settings.put("spring.kafka.bootstrap-servers", TestInfrastructure.kafka().getBrokersAsString());
        settings.put("lethe.intake.auto-startup", "false");
        settings.put("server.port", "0");
        settings.put("lethe.audit.subject-key", "startup-test-subject-key-of-32-bytes");
        settings.put("lethe.datasources.app.url", appUrl);
        settings.put("lethe.datasources.app.username", postgres.user());
        settings.put("lethe.datasources.app.password", postgres.password());
        settings.put("lethe.datasources.app.maximum-pool-size", "2");
        settings.put("lethe.resources.chats.type", "jdbc");
        settings.put("lethe.resources.chats.datasource", "app");
        settings.put("lethe.resources.chats.table", "chats");
        settings.put("lethe.resources.chats.subject-column", "user_id");
        settings.put("lethe.protection.datasource", "app");
        settings.put("lethe.protection.query", "select 1 from users where cast(id as text) = ? and role = 'admin'");
        settings.putAll(overrides);
        String[] args = settings.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        return new SpringApplicationBuilder(LetheApplication.class).run(args);
    }

    private static String suffix() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }
}
