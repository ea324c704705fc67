package dev.lethe.cleaners.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The producers and admin clients of the kafka resources: one pair per distinct cluster (bootstrap servers and
 * client properties) and call time limit, made at start-up and closed when the worker stops. A producer writes with
 * {@code acks=all} and idempotence, and gives up within the resource's call time limit, so a cluster that is down
 * fails a call (transiently) instead of hanging it.
 */
final class KafkaClients implements AutoCloseable {

    private final Map<String, Object> ownProducer;
    private final Map<String, Object> ownAdmin;
    private final Map<Cluster, Clients> byCluster = new HashMap<>();
    private final AtomicInteger created = new AtomicInteger();
    private volatile boolean closed;

    /**
     * @param ownProducer the configuration of Lethe's own producer ({@code spring.kafka.*}): its cluster and security
     * @param ownAdmin the configuration of Lethe's own admin client
     */
    KafkaClients(Map<String, Object> ownProducer, Map<String, Object> ownAdmin) {
        this.ownProducer = Map.copyOf(ownProducer);
        this.ownAdmin = Map.copyOf(ownAdmin);
    }

    /** The clients for a resource's cluster, made on first use (at start-up, by the factory). */
    synchronized Clients forResource(KafkaSettings settings, Duration callTimeout) {
        if (closed) {
            throw new IllegalStateException("the kafka resources' clients are closed");
        }
        Cluster cluster = new Cluster(settings.ownCluster() ? null : settings.bootstrapServers(), settings.properties(),
                callTimeout);
        return byCluster.computeIfAbsent(cluster, this::open);
    }

    boolean isClosed() {
        return closed;
    }

    private Clients open(Cluster cluster) {
        Timeouts timeouts = Timeouts.within(cluster.callTimeout());
        String clientId = "lethe-kafka-resource-" + created.incrementAndGet();
        Map<String, Object> producer = producerConfig(cluster, timeouts);
        producer.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        Map<String, Object> admin = adminConfig(cluster, timeouts);
        admin.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId + "-admin");
        return new Clients(new KafkaProducer<>(producer, new ByteArraySerializer(), new ByteArraySerializer()),
                Admin.create(admin), timeouts);
    }

    Map<String, Object> producerConfig(Cluster cluster, Timeouts timeouts) {
        Map<String, Object> config = new HashMap<>();
        if (cluster.bootstrapServers() == null) {
            config.putAll(ownProducer);
        } else {
            config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        }
        config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        // The tombstone must land in the key's partition as the owning service's default partitioner puts it; a
        // custom partitioner is a property of the resource (properties.partitioner.class), never Lethe's own.
        config.remove(ProducerConfig.PARTITIONER_CLASS_CONFIG);
        config.remove(ProducerConfig.PARTITIONER_IGNORE_KEYS_CONFIG);
        config.remove(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG);
        config.remove(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
        config.putAll(cluster.properties());
        // What a tombstone needs, whatever was configured: every in-sync replica has it, written once.
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeouts.maxBlock().toMillis());
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeouts.request().toMillis());
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeouts.delivery().toMillis());
        return config;
    }

    Map<String, Object> adminConfig(Cluster cluster, Timeouts timeouts) {
        Map<String, Object> config = new HashMap<>();
        if (cluster.bootstrapServers() == null) {
            config.putAll(ownAdmin);
        } else {
            config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        }
        config.putAll(cluster.properties());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeouts.check().toMillis());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeouts.check().toMillis());
        return config;
    }

    @Override
    public synchronized void close() {
        closed = true;
        byCluster.values().forEach(clients -> {
            clients.producer().close(Duration.ofSeconds(5));
            clients.admin().close(Duration.ofSeconds(5));
        });
        byCluster.clear();
    }

    /** Where a producer writes to, and how long its calls may take. */
    record Cluster(String bootstrapServers, Map<String, String> properties, Duration callTimeout) {
    }

    /** One cluster's producer and admin client. */
    record Clients(Producer<byte[], byte[]> producer, Admin admin, Timeouts timeouts) {
    }

    /**
     * The client's limits within one call's time limit, a fifth each for checking the topic, waiting for its
     * metadata and one produce request, two fifths for the acknowledgement (retries included), so a call that fails
     * still ends before its time limit cuts it.
     *
     * @param check how long the topic check (an admin request) may take
     * @param maxBlock how long {@code send} may wait for the topic's metadata ({@code max.block.ms})
     * @param request how long one produce request may take ({@code request.timeout.ms})
     * @param delivery how long a record may take from send to acknowledgement, retries included
     *     ({@code delivery.timeout.ms})
     */
    record Timeouts(Duration check, Duration maxBlock, Duration request, Duration delivery) {

        private static final Duration LEAST = Duration.ofMillis(250);

        static Timeouts within(Duration callTimeout) {
            Duration fifth = max(callTimeout.dividedBy(5), LEAST);
            return new Timeouts(fifth, fifth, fifth, fifth.multipliedBy(2));
        }

        private static Duration max(Duration a, Duration b) {
            return a.compareTo(b) >= 0 ? a : b;
        }
    }
}
