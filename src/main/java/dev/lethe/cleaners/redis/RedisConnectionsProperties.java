package dev.lethe.cleaners.redis;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Redis servers or clusters that hold data to erase ({@code lethe.redis}), by name; a {@code type: redis} resource
 * names one in its {@code redis} setting.
 *
 * @param redis connection settings by name
 */
@ConfigurationProperties("lethe")
public record RedisConnectionsProperties(@DefaultValue Map<String, RedisConnection> redis) {

    /**
     * @param url a Redis URI ({@code redis://host:6379/0}, {@code rediss://...} for TLS); for a cluster, any node
     * @param username ACL user name (Redis 6+); overrides one in the URL
     * @param password password; overrides one in the URL
     * @param cluster whether {@code url} is a node of a Redis Cluster (keys are then scanned on every primary)
     * @param connectTimeout how long opening a connection may take before the call fails (a transient error)
     */
    public record RedisConnection(String url, String username, String password, boolean cluster,
            @DefaultValue("5s") Duration connectTimeout) {
    }
}
