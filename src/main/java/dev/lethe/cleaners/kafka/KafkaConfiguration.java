package dev.lethe.cleaners.kafka;

import dev.lethe.plan.ResilienceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The {@code kafka} resource type: tombstones in compacted topics. A resource without {@code bootstrap-servers}
 * uses Lethe's own cluster with the same client settings as the worker's producer and admin client.
 */
@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

    @Bean(destroyMethod = "close")
    KafkaClients kafkaResourceClients(KafkaTemplate<byte[], byte[]> lethesProducer, KafkaAdmin lethesAdmin) {
        return new KafkaClients(lethesProducer.getProducerFactory().getConfigurationProperties(),
                lethesAdmin.getConfigurationProperties());
    }

    @Bean
    KafkaCleanerFactory kafkaCleanerFactory(KafkaClients clients, ResilienceProperties resilience) {
        return new KafkaCleanerFactory(clients, resilience.defaults());
    }
}
