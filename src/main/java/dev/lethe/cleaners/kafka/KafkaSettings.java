package dev.lethe.cleaners.kafka;

import jakarta.validation.constraints.NotBlank;
import java.util.Map;

/**
 * The settings of a {@code type: kafka} resource, beside the common ones in {@code lethe.resources.<name>}.
 *
 * @param topic a compacted topic keyed by the subject (checked at start: {@code cleanup.policy} contains
 *     {@code compact})
 * @param key template of the record key, used verbatim as UTF-8 bytes: one exact key, no pattern
 * @param bootstrapServers the cluster holding the topic; empty means Lethe's own ({@code spring.kafka.*}, with its
 *     security settings)
 * @param properties further Kafka client settings for this resource's producer and admin client (e.g.
 *     {@code security.protocol}, {@code sasl.jaas.config}); Lethe's delivery settings cannot be overridden
 */
record KafkaSettings(@NotBlank String topic, @NotBlank String key, String bootstrapServers, Map<String, String> properties) {

    KafkaSettings {
        properties = properties == null ? Map.of() : Map.copyOf(properties);
    }

    boolean ownCluster() {
        return bootstrapServers == null || bootstrapServers.isBlank();
    }
}
