package dev.lethe.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.lethe.testsupport.RedisServer;
import dev.lethe.testsupport.S3Server;
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
        ProcessBuilder builder = new ProcessBuilder(java, "-jar", JAR.toString(), "demo")
                .redirectErrorStream(true).redirectOutput(output.toFile());
        // Object storage where one is named: the tests' S3-compatible server.
        builder.environment().put("LETHE_DEMO_S3_ENDPOINT", S3Server.get().endpoint().toString());
        builder.environment().put("LETHE_DEMO_S3_ACCESS_KEY", S3Server.ACCESS_KEY);
        builder.environment().put("LETHE_DEMO_S3_SECRET_KEY", S3Server.SECRET_KEY);
        Process demo = builder.start();

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
                // Every store the old reset scripts cleared: rows, files, a downstream service, a compacted topic,
                // object storage, and Redis where it runs.
                .containsPattern("user_files +DELETED +3")
                .containsPattern("newsletter +DELETED +1")
                .containsPattern("profile_topic +DELETED +1")
                .containsPattern("photos +DELETED +2")
                .contains("Left in the other stores")
                .containsPattern("1001 +0 +- +tombstone")
                .doesNotContain("no terminal event yet");
        if (RedisServer.available().isPresent() && System.getenv("LETHE_TEST_REDIS_URL") == null) {
            assertThat(printed).containsPattern("redis_sessions +DELETED +3");
        }
        new File(output.toString()).delete();
    }
}
