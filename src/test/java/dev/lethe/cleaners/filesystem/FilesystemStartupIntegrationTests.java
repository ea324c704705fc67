package dev.lethe.cleaners.filesystem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.LetheApplication;
import dev.lethe.testsupport.TestInfrastructure;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** A root that is not a directory, or a template that could leave it, stops the worker with one message naming it. */
@ExtendWith(OutputCaptureExtension.class)
class FilesystemStartupIntegrationTests {

    @TempDir
    Path temp;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "missing | users/{id}   | lethe.resources.files.root '<root>/missing' must be an existing directory (NoSuchFileException)",
            "        | ../{id}      | lethe.resources.files.paths[0] has a '.' or '..' segment",
            "        | /etc/{id}    | lethe.resources.files.paths[0] is an absolute path (paths are relative to root)",
            "        | users/*      | lethe.resources.files.paths[0] must name the subject with {id} or {sha256}: without it every subject's request would remove the same files",
    })
    void stopsWithOneMessageNamingTheSetting(String rootChild, String template, String message, CapturedOutput output) {
        Path root = rootChild == null ? temp : temp.resolve(rootChild);
        String expected = message.replace("<root>", temp.toString());

        assertThatThrownBy(() -> start(root, template)).rootCause().hasMessage(expected);
        assertThat(output.getAll()).contains("APPLICATION FAILED TO START").contains(expected);
    }

    private static void start(Path root, String template) {
        String database = "lethe_fsstart_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        var postgres = TestInfrastructure.postgres();
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("spring.datasource.url", postgres.createDatabase(database));
        settings.put("spring.datasource.username", postgres.user());
        settings.put("spring.kafka.bootstrap-servers", TestInfrastructure.kafka().getBrokersAsString());
        settings.put("server.port", "0");
        settings.put("lethe.audit.subject-key", "startup-test-subject-key-of-32-bytes");
        settings.put("lethe.resources.files.type", "filesystem");
        settings.put("lethe.resources.files.root", root.toString());
        settings.put("lethe.resources.files.paths[0]", template);
        String[] args = settings.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        new SpringApplicationBuilder(LetheApplication.class).run(args).close();
    }
}
