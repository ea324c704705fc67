package dev.lethe.cleaners.redis;

import dev.lethe.cleaners.redis.RedisConnectionsProperties.RedisConnection;
import dev.lethe.core.InvalidConfigurationException;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.metrics.CommandLatencyRecorder;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.lettuce.core.resource.DefaultClientResources;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.DisposableBean;

/**
 * A Lettuce client per {@code lethe.redis} entry, made at start (checking its settings) and shut down on close.
 * The clients share one set of event loops, made only when some entry exists.
 */
final class RedisTargets implements DisposableBean {

    /** Reconnect attempts after a lost connection: quickly at first, then every 5 s at most (Lettuce: 30 s). */
    private static final Delay RECONNECT_DELAY = Delay.exponential(Duration.ofMillis(100), Duration.ofSeconds(5), 2,
            TimeUnit.MILLISECONDS);
    /** How often a cluster connection re-reads the topology besides the refreshes that MOVED and ASK replies start. */
    private static final Duration TOPOLOGY_REFRESH = Duration.ofMinutes(1);

    private final Map<String, RedisTarget> targets = new HashMap<>();
    private final ClientResources resources;

    RedisTargets(RedisConnectionsProperties properties) {
        Map<String, RedisURI> uris = new HashMap<>();
        properties.redis().forEach((name, settings) -> uris.put(name, uri(name, settings)));
        this.resources = uris.isEmpty() ? null
                : DefaultClientResources.builder().reconnectDelay(RECONNECT_DELAY)
                        // Lettuce's own latency statistics (per command type and server) are not exported: off.
                        .commandLatencyRecorder(CommandLatencyRecorder.disabled())
                        .build();
        properties.redis().forEach((name, settings) -> targets.put(name,
                new RedisTarget(name, client(uris.get(name), settings))));
    }

    /** The target named by {@code setting} (used in the message when it does not exist). */
    RedisTarget get(String name, String setting) {
        RedisTarget target = name == null ? null : targets.get(name);
        if (target == null) {
            throw new InvalidConfigurationException(setting + " names unknown redis '" + name
                    + "' (configure it under lethe.redis)");
        }
        return target;
    }

    private static RedisURI uri(String name, RedisConnection settings) {
        String prefix = "lethe.redis." + name;
        if (settings.url() == null || settings.url().isBlank()) {
            throw new InvalidConfigurationException(prefix + ".url is missing");
        }
        RedisURI uri;
        try {
            uri = RedisURI.create(settings.url());
        } catch (RuntimeException e) {
            // Not quoted: the URL may hold a password.
            throw new InvalidConfigurationException(prefix
                    + ".url is not a Redis URI (redis://host:port, rediss://...)");
        }
        if (settings.password() != null) {
            // Without a username: the default user (Redis < 6 AUTH with the password alone).
            uri.setAuthentication(settings.username(), settings.password());
        } else if (settings.username() != null) {
            throw new InvalidConfigurationException(prefix + ".password is missing (username is set)");
        }
        if (settings.connectTimeout() == null || settings.connectTimeout().isNegative()
                || settings.connectTimeout().isZero()) {
            throw new InvalidConfigurationException(prefix + ".connect-timeout must be positive");
        }
        uri.setClientName("lethe");
        return uri;
    }

    private io.lettuce.core.AbstractRedisClient client(RedisURI uri, RedisConnection settings) {
        SocketOptions socket = SocketOptions.builder().connectTimeout(settings.connectTimeout()).build();
        if (settings.cluster()) {
            RedisClusterClient client = RedisClusterClient.create(resources, uri);
            client.setOptions(ClusterClientOptions.builder()
                    .socketOptions(socket)
                    // While a connection is down, fail commands at once (a transient error the breaker counts)
                    // instead of queueing them until the call times out.
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                    .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                            .enableAllAdaptiveRefreshTriggers()
                            .enablePeriodicRefresh(TOPOLOGY_REFRESH)
                            .build())
                    .build());
            return client;
        }
        RedisClient client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .socketOptions(socket)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
        return client;
    }

    @Override
    public void destroy() {
        targets.values().forEach(RedisTarget::shutdown);
        if (resources != null) {
            resources.shutdown();
        }
    }
}
