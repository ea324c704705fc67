package dev.lethe.cleaners.redis;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisKeyAsyncCommands;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.codec.ByteArrayCodec;

/**
 * One {@code lethe.redis} entry: its Lettuce client, made at start, and one shared connection, opened on first use
 * (so the worker starts while Redis is down; its tasks wait and retry) and kept: Lettuce connections are
 * thread-safe, pipeline the commands of concurrent callers and reconnect by themselves. Keys are bytes
 * ({@link ByteArrayCodec}): binary-safe, whatever a key holds.
 */
final class RedisTarget {

    private final String name;
    private final AbstractRedisClient client;
    private volatile Connection connection;

    RedisTarget(String name, AbstractRedisClient client) {
        this.name = name;
        this.client = client;
    }

    /** {@code lethe.redis.<name>}, for messages. */
    String setting() {
        return "lethe.redis." + name;
    }

    /**
     * The shared connection, opened now if it is not yet.
     *
     * @throws io.lettuce.core.RedisConnectionException when Redis cannot be reached or refuses the credentials
     */
    Connection connection() {
        Connection current = connection;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (connection == null) {
                connection = open();
            }
            return connection;
        }
    }

    private Connection open() {
        if (client instanceof RedisClusterClient cluster) {
            StatefulRedisClusterConnection<byte[], byte[]> opened = cluster.connect(ByteArrayCodec.INSTANCE);
            // The cluster's async API routes each key to its slot's node and scans every primary in turn.
            return new Connection(opened, opened.async());
        }
        StatefulRedisConnection<byte[], byte[]> opened = ((RedisClient) client).connect(ByteArrayCodec.INSTANCE);
        return new Connection(opened, opened.async());
    }

    void shutdown() {
        Connection current = connection;
        if (current != null) {
            current.stateful().close();
        }
        client.shutdown();
    }

    /**
     * @param stateful for pipelines: {@code dispatch} of many commands in one write (routed by slot on a cluster)
     * @param keys for SCAN (on a cluster: every primary in turn)
     */
    record Connection(StatefulConnection<byte[], byte[]> stateful, RedisKeyAsyncCommands<byte[], byte[]> keys) {
    }
}
