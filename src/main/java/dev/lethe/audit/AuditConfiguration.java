package dev.lethe.audit;

import dev.lethe.core.TopicsProperties;
import dev.lethe.core.StageHealth;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuditProperties.class)
class AuditConfiguration {

    @Bean
    SubjectRef subjectRef(AuditProperties properties) {
        return new SubjectRef(properties.subjectKey());
    }

    @Bean
    Outbox outbox(JdbcTemplate jdbc, JsonMapper json, Clock clock) {
        return new Outbox(jdbc, json, clock, new AuditChain(new ChainHeads(jdbc), json));
    }

    @Bean
    AuditTrail auditTrail(Outbox outbox, TopicsProperties topics) {
        return new AuditTrail(outbox, topics.audit());
    }

    @Bean
    OutboxRelay outboxRelay(OutboxRepository repository, JdbcTemplate jdbc, KafkaTemplate<byte[], byte[]> kafka,
            TransactionTemplate transactions, JsonMapper json, AuditProperties properties, StageHealth health,
            TopicsProperties topics) {
        return new OutboxRelay(repository, new OutboxBatches(jdbc), kafka, transactions, json, properties, health,
                topics.deadLetter());
    }
}
