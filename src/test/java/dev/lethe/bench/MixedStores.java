package dev.lethe.bench;

import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The mixed run's stores beside the database (-Dbench.mix=true): per user a session and a cart key in Redis
 * ({@code bench.redis}, default {@code redis://127.0.0.1:6379}) and a directory with two files under a temporary root.
 */
final class MixedStores implements AutoCloseable {

    private static final int PIPELINE = 1000;

    private final String redisUrl = System.getProperty("bench.redis", "redis://127.0.0.1:6379");
    private final String prefix = "lethe-bench:" + ProcessHandle.current().pid() + ":";
    private final Path root;

    private MixedStores(Path root) {
        this.root = root;
    }

    static MixedStores create(int users) throws Exception {
        MixedStores stores = new MixedStores(Files.createTempDirectory("lethe-bench-files"));
        for (int user = 1; user <= users; user++) {
            Path home = Files.createDirectories(stores.root.resolve("users").resolve(Integer.toString(user)));
            Files.writeString(home.resolve("avatar.png"), "a");
            Files.writeString(home.resolve("upload.txt"), "u");
        }
        try (RedisClient client = RedisClient.create(stores.redisUrl);
                StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisAsyncCommands<String, String> redis = connection.async();
            List<RedisFuture<?>> pending = new ArrayList<>();
            for (int user = 1; user <= users; user++) {
                pending.add(redis.set(stores.prefix + "session:" + user, "s"));
                pending.add(redis.set(stores.prefix + "cart:" + user + ":1", "c"));
                if (pending.size() >= PIPELINE) {
                    LettuceFutures.awaitAll(Duration.ofSeconds(30), pending.toArray(RedisFuture[]::new));
                    pending.clear();
                }
            }
            LettuceFutures.awaitAll(Duration.ofSeconds(30), pending.toArray(RedisFuture[]::new));
        }
        return stores;
    }

    List<String> workerArguments() {
        return List.of("--lethe.redis.bench.url=" + redisUrl,
                "--lethe.resources.bench_cache.type=redis",
                "--lethe.resources.bench_cache.redis=bench",
                "--lethe.resources.bench_cache.keys=" + prefix + "session:{id}," + prefix + "cart:{id}:*",
                "--lethe.resources.bench_files.type=filesystem",
                "--lethe.resources.bench_files.root=" + root,
                "--lethe.resources.bench_files.paths=users/{id}");
    }

    @Override
    public void close() throws Exception {
        try (RedisClient client = RedisClient.create(redisUrl);
                StatefulRedisConnection<String, String> connection = client.connect()) {
            ScanIterator<String> keys = ScanIterator.scan(connection.sync(), ScanArgs.Builder.matches(prefix + "*").limit(PIPELINE));
            while (keys.hasNext()) {
                connection.sync().unlink(keys.next());
            }
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
