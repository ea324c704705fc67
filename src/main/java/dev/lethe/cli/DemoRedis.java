package dev.lethe.cli;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Sessions and carts in Redis, as web applications keep them, for the demo's {@code redis} resource: used only where
 * a Redis answers ({@code LETHE_DEMO_REDIS_URL}, else {@code redis://127.0.0.1:6379}). Keys live under a prefix of
 * this run, removed at the end, so the demo never touches anything else on that server.
 */
final class DemoRedis implements AutoCloseable {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final int CART_ITEMS = 2;

    private final String url;
    private final String prefix;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;

    private DemoRedis(String url, RedisClient client, StatefulRedisConnection<String, String> connection) {
        this.url = url;
        this.prefix = "lethe-demo:" + UUID.randomUUID().toString().substring(0, 8) + ":";
        this.client = client;
        this.connection = connection;
    }

    static Optional<DemoRedis> connectIfReachable(Collection<String> people) {
        String url = Optional.ofNullable(System.getenv("LETHE_DEMO_REDIS_URL")).orElse("redis://127.0.0.1:6379");
        RedisURI uri = RedisURI.create(url);
        uri.setTimeout(CONNECT_TIMEOUT);
        RedisClient client = RedisClient.create(uri);
        try {
            StatefulRedisConnection<String, String> connection = client.connect();
            connection.sync().ping();
            DemoRedis redis = new DemoRedis(url, client, connection);
            redis.seed(people);
            return Optional.of(redis);
        } catch (RuntimeException unreachable) {
            client.shutdown();
            return Optional.empty();
        }
    }

    private void seed(Collection<String> people) {
        for (String person : people) {
            connection.sync().set(prefix + "session:" + person, "a session of " + person);
            for (int n = 1; n <= CART_ITEMS; n++) {
                connection.sync().set(prefix + "cart:" + person + ":" + n, "item " + n);
            }
        }
    }

    String url() {
        return url;
    }

    List<String> workerArguments() {
        return List.of(
                "--lethe.redis.demo.url=" + url,
                "--lethe.resources.redis_sessions.type=redis",
                "--lethe.resources.redis_sessions.redis=demo",
                "--lethe.resources.redis_sessions.keys[0]=" + prefix + "session:{id}",
                "--lethe.resources.redis_sessions.keys[1]=" + prefix + "cart:{id}:*",
                "--lethe.resources.redis_sessions.categories[0]=security");
    }

    long keysOf(String person) {
        return keys(prefix + "session:" + person) + keys(prefix + "cart:" + person + ":*");
    }

    private long keys(String pattern) {
        ScanIterator<String> keys = ScanIterator.scan(connection.sync(), ScanArgs.Builder.matches(pattern));
        long count = 0;
        while (keys.hasNext()) {
            keys.next();
            count++;
        }
        return count;
    }

    @Override
    public void close() {
        ScanIterator<String> keys = ScanIterator.scan(connection.sync(), ScanArgs.Builder.matches(prefix + "*"));
        while (keys.hasNext()) {
            connection.sync().unlink(keys.next());
        }
        connection.close();
        client.shutdown();
    }
}
