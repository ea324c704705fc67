package dev.lethe.deadletter;

import dev.lethe.audit.Outbox;
import dev.lethe.core.TopicsProperties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;

@Configuration(proxyBeanMethods = false)
class DeadLetterConfiguration {

    /** The producer's default {@code max.request.size}. */
    private static final int DEFAULT_MAX_REQUEST_SIZE = 1_048_576;

    @Bean
    DeadLetterFit deadLetterFit(KafkaTemplate<byte[], byte[]> kafka) {
        Object configured = kafka.getProducerFactory().getConfigurationProperties().get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
        int maxRequestSize = configured == null ? DEFAULT_MAX_REQUEST_SIZE : Integer.parseInt(configured.toString());
        return new DeadLetterFit(maxRequestSize);
    }

    @Bean
    DeadLetterWriter deadLetterWriter(KafkaTemplate<byte[], byte[]> kafka, TopicsProperties topics, DeadLetterFit fit) {
        return new DeadLetterWriter(kafka, topics.deadLetter(), fit);
    }

    @Bean
    FailedRequestDeadLetters failedRequestDeadLetters(Outbox outbox, TopicsProperties topics, DeadLetterFit fit) {
        return new FailedRequestDeadLetters(outbox, topics.deadLetter(), fit);
    }
}
