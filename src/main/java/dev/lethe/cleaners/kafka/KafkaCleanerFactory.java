package dev.lethe.cleaners.kafka;

import dev.lethe.cleaners.Cleaner;
import dev.lethe.cleaners.CleanerFactory;
import dev.lethe.cleaners.FailureClassifier;
import dev.lethe.cleaners.ResourceSettings;
import dev.lethe.cleaners.SubjectTemplate;
import dev.lethe.core.InvalidConfigurationException;
import dev.lethe.core.SafeErrors;
import dev.lethe.plan.ResilienceSettings;
import dev.lethe.plan.Resource;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes {@code type: kafka} cleaners. At start the topic must exist and be compacted, else start-up stops naming
 * {@code lethe.resources.<name>.topic}; a cluster that cannot be reached at start is logged, and the worker starts
 * (as it does without its own cluster): every call checks the topic again before it writes.
 */
final class KafkaCleanerFactory implements CleanerFactory {

    private static final Logger log = LoggerFactory.getLogger(KafkaCleanerFactory.class);
    /** The longest start-up waits for one resource's cluster. */
    private static final Duration START_CHECK_LIMIT = Duration.ofSeconds(15);

    private final KafkaClients clients;
    private final ResilienceSettings defaults;

    KafkaCleanerFactory(KafkaClients clients, ResilienceSettings defaults) {
        this.clients = clients;
        this.defaults = defaults;
    }

    @Override
    public String type() {
        return "kafka";
    }

    @Override
    public Cleaner create(Resource resource, ResourceSettings bound) {
        KafkaSettings settings = bound.bind(resource.name(), KafkaSettings.class);
        String keySetting = ResourceSettings.name(resource.name(), "key");
        SubjectTemplate key = SubjectTemplate.parse(settings.key(), keySetting);
        if (!settings.key().contains("{id}") && !settings.key().contains("{sha256}")) {
            throw new InvalidConfigurationException(keySetting + " must name the subject with {id} or {sha256}:"
                    + " without it every subject's request would write the same tombstone");
        }
        Duration callTimeout = resource.settings().resilience().orElse(defaults).callTimeout();
        KafkaClients.Clients cluster = clients.forResource(settings, callTimeout);
        String topicSetting = ResourceSettings.name(resource.name(), "topic");
        CompactedTopic topic = new CompactedTopic(topicSetting, settings.topic());
        checkAtStart(topic, cluster, callTimeout, settings);
        return new KafkaTombstoneCleaner(resource.name(), settings.topic(), key, clients, cluster, topic);
    }

    private static void checkAtStart(CompactedTopic topic, KafkaClients.Clients cluster, Duration callTimeout,
            KafkaSettings settings) {
        Duration limit = callTimeout.compareTo(START_CHECK_LIMIT) < 0 ? callTimeout : START_CHECK_LIMIT;
        try {
            topic.check(cluster.admin(), limit);
        } catch (KafkaResourceException e) {
            throw new InvalidConfigurationException(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking " + topic, e);
        } catch (Exception e) {
            log.warn("{}: topic '{}' could not be checked at start ({} unreachable? {}): every call checks that"
                    + " it exists and is compacted before writing a tombstone", topic.setting(), topic,
                    clusterName(settings), SafeErrors.describe(e));
        }
    }

    private static String clusterName(KafkaSettings settings) {
        return settings.ownCluster() ? "Lethe's cluster (spring.kafka.bootstrap-servers)" : settings.bootstrapServers();
    }

    @Override
    public FailureClassifier failureClassifier() {
        return KafkaFailures.CLASSIFIER;
    }
}
