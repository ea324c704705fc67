package dev.lethe.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;

/**
 * A real S3-compatible server for the tests: Adobe S3Mock 4.11.0 (with bucket versioning), started once per JVM as a
 * child JVM on a free loopback port and stopped when the JVM ends. S3Mock is a Spring Boot 3.5 application: it
 * cannot run inside the tests' Spring Boot 4 JVM, hence the separate process. Its jar is copied to
 * {@code target/s3mock/s3mock-exec.jar} by the build (maven-dependency-plugin, {@code copy-s3mock}).
 *
 * <p>Any access key and secret key are accepted; the region is {@link #REGION}. Known differences from AWS S3 that
 * tests must not rely on: {@code ListObjectVersions} ignores {@code max-keys} (one page, always), and
 * {@code ListObjectsV2} still lists a key whose latest version is a delete marker.
 */
public final class S3Server {

    public static final String ACCESS_KEY = "lethe-test";
    public static final String SECRET_KEY = "lethe-test-secret";
    public static final String REGION = "us-east-1";

    private static final Logger logger = LoggerFactory.getLogger(S3Server.class);
    private static final Path JAR = Path.of("target", "s3mock", "s3mock-exec.jar");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private static S3Server instance;

    private final Process process;
    private final int port;
    private final Path log;
    private final S3Client client;

    private S3Server(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.client = clientFor(endpoint());
    }

    /** The server of this JVM, started on first use. */
    public static synchronized S3Server get() {
        if (instance == null) {
            instance = start();
            S3Server started = instance;
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "s3-server-stop"));
        }
        return instance;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    /** A client of the tests' own, to set up and inspect buckets (never the one under test). */
    public S3Client client() {
        return client;
    }

    /** Creates a bucket (a new name per test keeps tests apart), with versioning enabled or never enabled. */
    public String createBucket(String name, boolean versioned) {
        client.createBucket(request -> request.bucket(name));
        if (versioned) {
            client.putBucketVersioning(request -> request.bucket(name)
                    .versioningConfiguration(configuration -> configuration.status(BucketVersioningStatus.ENABLED)));
        }
        return name;
    }

    /** An S3 client for an S3-compatible server at this endpoint, with the settings S3Mock needs. */
    public static S3Client clientFor(URI endpoint) {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .forcePathStyle(true)
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
    }

    private static S3Server start() {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: the build copies it (./mvnw test-compile)");
        }
        try {
            Path target = Files.createDirectories(Path.of("target"));
            // S3Mock deletes its root directory when it stops: a fresh directory of its own.
            Path root = Files.createTempDirectory(target.toAbsolutePath(), "s3mock-root-");
            Path logFile = target.toAbsolutePath().resolve(root.getFileName() + ".log");
            int port = freeLoopbackPort();
            Process process = new ProcessBuilder(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k",
                    "-jar", JAR.toAbsolutePath().toString(),
                    // The main connector as plain HTTP on loopback; S3Mock's extra HTTP connector on any free port.
                    "--server.address=127.0.0.1",
                    "--server.port=" + port,
                    "--server.ssl.enabled=false",
                    "--com.adobe.testing.s3mock.http-port=0",
                    "--com.adobe.testing.s3mock.store.root=" + root,
                    "--com.adobe.testing.s3mock.store.region=" + REGION,
                    "--com.adobe.testing.s3mock.store.retain-files-on-exit=false",
                    "--spring.main.banner-mode=off",
                    "--logging.level.root=WARN"))
                    .redirectErrorStream(true)
                    .redirectOutput(logFile.toFile())
                    .start();
            S3Server server = new S3Server(process, port, logFile);
            server.awaitReady();
            logger.info("S3 server for tests (S3Mock) on {}", server.endpoint());
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start S3Mock", e);
        }
    }

    private void awaitReady() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest listBuckets = HttpRequest.newBuilder(endpoint()).timeout(Duration.ofSeconds(2)).GET().build();
        try {
            Awaitility.await("S3Mock to answer on " + endpoint() + " (log: " + log + ")")
                    .atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("S3Mock exited with " + process.exitValue() + ", see " + log);
                        }
                        try {
                            return http.send(listBuckets, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                        } catch (IOException notYet) {
                            return false;
                        }
                    });
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
    }

    private synchronized void stop() {
        client.close();
        if (!process.isAlive()) {
            return;
        }
        process.destroy(); // SIGTERM: S3Mock stops gracefully and deletes its root directory
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
