package dev.lethe.cleaners.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the producers and admin clients are made with. */
class KafkaClientsTests {

    private static final Map<String, Object> OWN_PRODUCER = Map.of("bootstrap.servers", "lethe-kafka:9092",
            "security.protocol", "SASL_SSL", "sasl.jaas.config", "secret", "acks", "1", "transactional.id", "tx",
            "key.serializer", "org.apache.kafka.common.serialization.StringSerializer",
            "partitioner.ignore.keys", "true");
    private static final Map<String, Object> OWN_ADMIN = Map.of("bootstrap.servers", "lethe-kafka:9092",
            "security.protocol", "SASL_SSL");

    private final KafkaClients clients = new KafkaClients(OWN_PRODUCER, OWN_ADMIN);
    private final KafkaClients.Timeouts timeouts = KafkaClients.Timeouts.within(Duration.ofSeconds(30));

    @Test
    void lethesOwnClusterKeepsItsConnectionSettingsButNeverItsDeliverySettings() {
        Map<String, Object> producer = clients.producerConfig(new KafkaClients.Cluster(null, Map.of(), Duration.ofSeconds(30)),
                timeouts);

        assertThat(producer).containsEntry("bootstrap.servers", "lethe-kafka:9092")
                .containsEntry("security.protocol", "SASL_SSL").containsEntry("acks", "all")
                .containsEntry("enable.idempotence", true)
                .doesNotContainKeys("transactional.id", "key.serializer", "partitioner.ignore.keys");
        assertThat(clients.adminConfig(new KafkaClients.Cluster(null, Map.of(), Duration.ofSeconds(30)), timeouts))
                .containsEntry("bootstrap.servers", "lethe-kafka:9092").containsEntry("security.protocol", "SASL_SSL");
    }

    @Test
    void anotherClusterGetsNoneOfLethesCredentialsOnlyItsOwnProperties() {
        KafkaClients.Cluster other = new KafkaClients.Cluster("crm-kafka:9092",
                Map.of("security.protocol", "SSL", "acks", "0"), Duration.ofSeconds(30));

        Map<String, Object> producer = clients.producerConfig(other, timeouts);

        assertThat(producer).containsEntry("bootstrap.servers", "crm-kafka:9092").containsEntry("security.protocol", "SSL")
                .containsEntry("acks", "all").doesNotContainKey("sasl.jaas.config");
        assertThat(clients.adminConfig(other, timeouts)).containsEntry("bootstrap.servers", "crm-kafka:9092")
                .doesNotContainKey("sasl.jaas.config");
    }

    @Test
    void theClientGivesUpWithinTheCallTimeLimit() {
        KafkaClients.Timeouts limits = KafkaClients.Timeouts.within(Duration.ofSeconds(30));
        Map<String, Object> producer = clients.producerConfig(new KafkaClients.Cluster(null, Map.of(),
                Duration.ofSeconds(30)), limits);

        assertThat(producer).containsEntry("max.block.ms", 6000L).containsEntry("request.timeout.ms", 6000)
                .containsEntry("delivery.timeout.ms", 12000).containsEntry("linger.ms", 0);
        assertThat(limits.check().plus(limits.maxBlock()).plus(limits.delivery())).isLessThan(Duration.ofSeconds(30));
        assertThat(KafkaClients.Timeouts.within(Duration.ofMillis(100)).maxBlock()).as("a floor")
                .isEqualTo(Duration.ofMillis(250));
    }
}
