package dev.lethe.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * How the tests launch the packaged worker quickly. The fault tests start it about twenty times, and each start of
 * {@code java -jar target/lethe.jar} took 8 s of class loading from the nested jars before the application did
 * anything. Once per test JVM this extracts the jar (Spring Boot's {@code -Djarmode=tools extract}: the same classes,
 * as plain jars) and records a class-data-sharing archive in a training run that stops after the context refresh
 * (Spring Boot's documented {@code -Dspring.context.exit=onRefresh}); a worker launched from both starts in under
 * half the time (measured: 8.2 s, 5.6 s extracted, 3.7 s with the archive). It is the same code: only where the JVM
 * finds the classes differs. If either step fails, workers start as before, and a line on standard error says why.
 */
final class WorkerLaunch {

    private static final Path JAR = Path.of("target", "lethe.jar");
    private static final Path DIRECTORY = Path.of("target", "worker-launch");
    private static final long STEP_LIMIT_SECONDS = 120;

    private static List<String> prefix;

    private WorkerLaunch() {
    }

    /** JVM options and the jar to run, e.g. {@code [-XX:SharedArchiveFile=…, -jar, target/worker-launch/lethe.jar]}. */
    static synchronized List<String> jvmOptionsAndJar(String java, List<String> jvmOptions) {
        if (prefix == null) {
            prefix = prepare(java, jvmOptions);
        }
        return prefix;
    }

    private static List<String> prepare(String java, List<String> jvmOptions) {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException("target/lethe.jar is missing: the fault tests run after mvn package");
        }
        Path extracted = DIRECTORY.resolve("lethe.jar");
        Path archive = DIRECTORY.resolve("lethe.jsa");
        try {
            deleteRecursively(DIRECTORY);
            run(List.of(java, "-Djarmode=tools", "-jar", JAR.toString(), "extract", "--destination", DIRECTORY.toString()),
                    "extract");
        } catch (IOException | RuntimeException e) {
            System.err.println("workers start from target/lethe.jar: extracting it failed (" + e.getMessage() + ")");
            return List.of("-jar", JAR.toString());
        }
        try {
            List<String> training = new ArrayList<>(List.of(java));
            training.addAll(jvmOptions);
            training.addAll(List.of("-XX:ArchiveClassesAtExit=" + archive, "-Dspring.context.exit=onRefresh",
                    "-jar", extracted.toString(), "--server.port=0"));
            training.addAll(trainingSettings());
            run(training, "class-data training run");
            if (!Files.exists(archive)) {
                throw new IllegalStateException("no archive written");
            }
            return List.of("-XX:SharedArchiveFile=" + archive, "-jar", extracted.toString());
        } catch (IOException | RuntimeException e) {
            System.err.println("workers start without a class-data archive: " + e.getMessage());
            return List.of("-jar", extracted.toString());
        }
    }

    /** A context that refreshes as the fault tests' workers do: the demo configuration on databases of its own. */
    private static List<String> trainingSettings() {
        PostgresServer postgres = TestInfrastructure.postgres();
        String id = "lethe_launch_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String ledger = postgres.createDatabase(id + "_ledger");
        String app = postgres.createDatabase(id + "_app");
        postgres.execute(app, TestInfrastructureInitializer.resource("/demo/app-schema.sql"));
        List<String> settings = new ArrayList<>(List.of("--spring.profiles.active=demo", "--spring.datasource.url=" + ledger,
                "--spring.datasource.username=" + postgres.user(), "--lethe.datasources.app.url=" + app,
                "--lethe.datasources.app.username=" + postgres.user()));
        if (postgres.password() != null && !postgres.password().isEmpty()) {
            settings.add("--spring.datasource.password=" + postgres.password());
            settings.add("--lethe.datasources.app.password=" + postgres.password());
        }
        settings.add("--spring.kafka.bootstrap-servers=" + TestInfrastructure.kafka().getBrokersAsString());
        return settings;
    }

    private static void run(List<String> command, String step) throws IOException {
        Path output = Files.createTempFile("lethe-worker-launch-", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            if (!process.waitFor(STEP_LIMIT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(step + " took over " + STEP_LIMIT_SECONDS + " s; see " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException(step + " interrupted", e);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(step + " exited " + process.exitValue() + "; see " + output);
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (var paths = Files.walk(directory)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
