package dev.lethe.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One worker JVM ({@code target/lethe.jar} with the demo profile) on a fixed free port, so that its
 * {@code /actuator/health} says when it is ready.
 */
final class WorkerProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final Process process;
    private final int port;

    private WorkerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts a worker with these Spring arguments (connections, topics, group) after the common ones;
     * {@code bench.workerJvmArgs} and {@code bench.workerArgs} are added to every worker.
     */
    static WorkerProcess start(String heap, List<String> arguments) throws IOException {
        // bench.jar: another build's jar, to compare two versions on the same machine in alternating runs.
        Path jar = Path.of(System.getProperty("bench.jar", "").isBlank() ? "target/lethe.jar" : System.getProperty("bench.jar"));
        if (!Files.exists(jar)) {
            throw new IllegalStateException("build " + jar + " first (mvn package)");
        }
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap));
        command.addAll(split(System.getProperty("bench.workerJvmArgs", "")));
        command.addAll(List.of("-jar", jar.toString(), "--spring.profiles.active=demo", "--server.port=" + port));
        command.addAll(arguments);
        command.addAll(split(System.getProperty("bench.workerArgs", "")));
        return new WorkerProcess(new ProcessBuilder(command).inheritIO().start(), port);
    }

    long pid() {
        return process.pid();
    }

    /** Waits until /actuator/health answers UP; returns when that was ({@link System#nanoTime()}). */
    long awaitHealthy(Duration limit) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                .timeout(Duration.ofSeconds(2)).build();
        if (Waits.until(limit, Duration.ofMillis(50), () -> isUp(request))) {
            return System.nanoTime();
        }
        throw new IllegalStateException("the worker was not healthy within " + limit);
    }

    private boolean isUp(HttpRequest request) throws InterruptedException {
        if (!process.isAlive()) {
            throw new IllegalStateException("the worker exited with " + process.exitValue() + " before it was ready");
        }
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"UP\"");
        } catch (IOException notListeningYet) {
            return false; // the web server is not up yet
        }
    }

    /** SIGKILL on Linux: no shutdown hook runs, running tasks stay claimed under this worker's lease. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static List<String> split(String arguments) {
        return arguments.isBlank() ? List.of() : Arrays.asList(arguments.trim().split("\\s+"));
    }
}
