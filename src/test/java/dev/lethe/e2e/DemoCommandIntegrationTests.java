package dev.lethe.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code java -jar target/lethe.jar demo}, exactly as the README tells a new user to run it. */
class DemoCommandIntegrationTests {

    private static final Path JAR = Path.of("target", "lethe.jar");

    @Test
    void runsEveryKindOfRequestOnEmbeddedInfrastructureAndExitsZero() throws Exception {
        assumeTrue(Files.exists(JAR), "target/lethe.jar is built by mvn package, before the integration tests");
        Path output = Files.createTempFile("lethe-demo", ".out");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process demo = new ProcessBuilder(java, "-jar", JAR.toString(), "demo")
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();

        boolean ended = demo.waitFor(3, TimeUnit.MINUTES);
        if (!ended) {
            demo.destroyForcibly();
        }
        String printed = Files.readString(output, StandardCharsets.UTF_8);

        assertThat(ended).as("demo ended within 3 minutes; output:%n%s", printed).isTrue();
        assertThat(demo.exitValue()).as("exit code; output:%n%s", printed).isZero();
        assertThat(printed)
                .contains("demo-hard-1001")
                .contains("ignored: the id already ended, nothing ran again")
                .contains("SOFT_DELETED")
                .contains("SKIPPED")
                .contains("DRY_RUN")
                .contains("REQUEST_REJECTED (PROTECTED_SUBJECT)")
                .contains("INVALID_JSON")
                .contains("SCHEMA_VIOLATION")
                .doesNotContain("no terminal event yet");
        new File(output.toString()).delete();
    }
}
