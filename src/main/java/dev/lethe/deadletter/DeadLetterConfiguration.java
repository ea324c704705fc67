package dev.lethe.deadletter;

import dev.lethe.audit.Outbox;
import dev.lethe.intake.TopicsProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;

@Configuration(proxyBeanMethods = false)
class DeadLetterConfiguration {

    @Bean
    DeadLetterWriter deadLetterWriter(KafkaTemplate<byte[], byte[]> kafka, TopicsProperties topics) {
        return new DeadLetterWriter(kafka, topics.deadLetter());
    }

    @Bean
    FailedRequestDeadLetters failedRequestDeadLetters(Outbox outbox, TopicsProperties topics) {
        return new FailedRequestDeadLetters(outbox, topics.deadLetter());
    }
}
