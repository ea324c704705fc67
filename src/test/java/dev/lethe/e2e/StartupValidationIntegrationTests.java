package dev.lethe.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.LetheApplication;
import dev.lethe.testsupport.TestInfrastructure;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Configuration that cannot work stops the worker at start with one message naming the setting. */
@ExtendWith(OutputCaptureExtension.class)
class StartupValidationIntegrationTests {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "lethe.resources.chats.depends-on=nope | lethe.resources.chats: depends-on names unknown resource 'nope'",
            "lethe.resources.chats.depends-on=chats | lethe.resources.chats: depends-on forms a cycle: chats -> chats",
            "lethe.resources.chats.type=mongodb | lethe.resources.chats: unknown type 'mongodb' (known: ",
            "lethe.resources.chats.table=chats;drop | lethe.resources.chats: table 'chats;drop' is not a plain SQL identifier",
            "lethe.resources.chats.datasource=billing | lethe.resources.chats.datasource names unknown datasource 'billing'",
            "lethe.protection.query=select 1 | lethe.protection.query must have exactly one '?' (the subject id)",
    })
    void stopsWithOneMessageNamingTheSetting(String badSetting, String message, CapturedOutput output) {
        assertThatThrownBy(() -> start(badSetting)).rootCause().hasMessageStartingWith(message);
        assertThat(output.getAll()).contains("APPLICATION FAILED TO START").contains(message);
    }

    @Test
    void requiresTheSubjectKeyOutsideTheDemo(CapturedOutput output) {
        assertThatThrownBy(() -> start("lethe.audit.subject-key=")).isNotNull();
        assertThat(output.getAll()).contains("APPLICATION FAILED TO START").contains("lethe.audit.subject-key");
    }

    /** Starts the worker with a working configuration in which {@code badSetting} (name=value) replaces one value. */
    private static void start(String badSetting) {
        String database = "lethe_startup_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        var postgres = TestInfrastructure.postgres();
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("spring.datasource.url", postgres.createDatabase(database));
        settings.put("spring.datasource.username", postgres.user());
        settings.put("spring.kafka.bootstrap-servers", TestInfrastructure.kafka().getBrokersAsString());
        settings.put("lethe.intake.auto-startup", "false");
        settings.put("server.port", "0");
        settings.put("lethe.audit.subject-key", "k");
        settings.put("lethe.datasources.app.url", "jdbc:postgresql://127.0.0.1:1/none");
        settings.put("lethe.resources.chats.type", "jdbc");
        settings.put("lethe.resources.chats.datasource", "app");
        settings.put("lethe.resources.chats.table", "chats");
        settings.put("lethe.resources.chats.subject-column", "user_id");
        settings.put("lethe.protection.datasource", "app");
        settings.put("lethe.protection.query", "select 1 from users where id = ?");
        String[] nameAndValue = badSetting.split("=", 2);
        settings.put(nameAndValue[0], nameAndValue[1]);
        String[] args = settings.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        new SpringApplicationBuilder(LetheApplication.class).run(args).close();
    }
}
