package dev.lethe.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The Redis server the redis tests use, chosen once per JVM in this order: {@code LETHE_TEST_REDIS_URL}, the server
 * on 127.0.0.1:6379 if it answers PING, a {@code redis:7-alpine} container where a Docker engine runs. With none of
 * them, {@link #require()} skips the calling test with a message saying why. The server may be shared with other
 * runs and other data: tests use keys under a {@link #uniquePrefix(String) prefix of their own} and remove them.
 */
public final class RedisServer {

    private static final Logger log = LoggerFactory.getLogger(RedisServer.class);
    private static final String LOCAL_URL = "redis://127.0.0.1:6379";

    private static RedisServer chosen;
    private static String unavailable;

    private final URI url;

    private RedisServer(String url) {
        this.url = URI.create(url);
    }

    /** The server, or the calling test is skipped (a JUnit assumption) when there is none. */
    public static synchronized RedisServer require() {
        available();
        Assumptions.assumeTrue(chosen != null, () -> "no Redis for the redis tests: " + unavailable);
        return chosen;
    }

    /** The server, if there is one (for code that runs before an assumption can skip the test). */
    public static synchronized Optional<RedisServer> available() {
        if (chosen == null && unavailable == null) {
            choose();
        }
        return Optional.ofNullable(chosen);
    }

    /** The Redis URI, e.g. {@code redis://127.0.0.1:6379}. */
    public String url() {
        return url.toString();
    }

    public String host() {
        return url.getHost();
    }

    public int port() {
        return url.getPort() < 0 ? 6379 : url.getPort();
    }

    /** A key prefix no other test run uses: {@code lethe-test:<what>:<random>}. */
    public static String uniquePrefix(String what) {
        return "lethe-test:" + what + ":" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static void choose() {
        String configured = System.getenv("LETHE_TEST_REDIS_URL");
        if (configured != null && !configured.isBlank()) {
            log.info("Redis for tests: LETHE_TEST_REDIS_URL");
            chosen = new RedisServer(configured);
            return;
        }
        if (answersPing("127.0.0.1", 6379)) {
            log.info("Redis for tests: 127.0.0.1:6379");
            chosen = new RedisServer(LOCAL_URL);
            return;
        }
        boolean docker;
        try {
            docker = DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            docker = false;
        }
        if (!docker) {
            unavailable = "LETHE_TEST_REDIS_URL is not set, nothing answers PING on 127.0.0.1:6379 and no Docker "
                    + "engine runs for a redis:7-alpine container";
            log.warn("{}: the redis tests are skipped", unavailable);
            return;
        }
        log.info("Redis for tests: a redis:7-alpine container (nothing on 127.0.0.1:6379)");
        try {
            @SuppressWarnings("resource")
            GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse("redis:7-alpine"))
                    .withExposedPorts(6379);
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
            chosen = new RedisServer("redis://" + container.getHost() + ":" + container.getMappedPort(6379));
        } catch (RuntimeException e) {
            unavailable = "the redis:7-alpine container did not start (" + e.getClass().getSimpleName() + ")";
            log.warn("{}: the redis tests are skipped", unavailable, e);
        }
    }

    private static boolean answersPing(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1000);
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = new byte[7];
            int read = in.readNBytes(reply, 0, reply.length);
            return new String(reply, 0, read, StandardCharsets.US_ASCII).startsWith("+PONG");
        } catch (IOException e) {
            return false;
        }
    }
}
