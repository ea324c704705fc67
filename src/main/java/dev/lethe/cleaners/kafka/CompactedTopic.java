package dev.lethe.cleaners.kafka;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Whether a resource's topic exists and is compacted ({@code cleanup.policy} contains {@code compact}): on any other
 * topic a tombstone erases nothing, the key's earlier records stay until retention removes them. Asked at start-up and
 * before every call.
 */
final class CompactedTopic {

    private final String setting;
    private final String topic;

    /** @param setting {@code lethe.resources.<name>.topic}, for messages */
    CompactedTopic(String setting, String topic) {
        this.setting = setting;
        this.topic = topic;
    }

    /**
     * Asks the cluster.
     *
     * @throws KafkaResourceException (permanent) when the topic does not exist, is not compacted, or its configuration
     *     may not be described
     * @throws Exception what the admin client met otherwise (a timeout when the cluster is unreachable: transient)
     */
    void check(Admin admin, Duration timeout) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Map<ConfigResource, Config> configs;
        try {
            configs = admin.describeConfigs(List.of(resource),
                            new DescribeConfigsOptions().timeoutMs((int) timeout.toMillis()))
                    .all().get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw unusable(e.getCause());
        }
        ConfigEntry policy = configs.get(resource).get(TopicConfig.CLEANUP_POLICY_CONFIG);
        String value = policy == null || policy.value() == null ? "" : policy.value();
        boolean compacted = Arrays.stream(value.split(",")).map(String::trim)
                .anyMatch(TopicConfig.CLEANUP_POLICY_COMPACT::equals);
        if (!compacted) {
            throw new KafkaResourceException(setting + ": topic '" + topic + "' is not compacted (cleanup.policy="
                    + value + "): a tombstone would not erase the key's earlier records", false);
        }
    }

    private KafkaResourceException missing() {
        return new KafkaResourceException(setting + ": topic '" + topic + "' does not exist", false);
    }

    private Exception unusable(Throwable cause) {
        if (cause instanceof UnknownTopicOrPartitionException) {
            return missing();
        }
        if (cause instanceof AuthorizationException) {
            return new KafkaResourceException(setting + ": the configuration of topic '" + topic + "' may not be"
                    + " described (" + cause.getClass().getSimpleName() + "): Lethe needs DescribeConfigs on it to"
                    + " check that it is compacted", false);
        }
        return cause instanceof Exception exception ? exception : new ExecutionException(cause);
    }

    String setting() {
        return setting;
    }

    @Override
    public String toString() {
        return topic;
    }
}
