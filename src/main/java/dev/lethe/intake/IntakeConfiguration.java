package dev.lethe.intake;

import dev.lethe.core.TopicsProperties;
import dev.lethe.audit.SubjectRef;
import dev.lethe.deadletter.DeadLetterWriter;
import dev.lethe.ledger.RequestCancellation;
import dev.lethe.ledger.RequestLedger;
import dev.lethe.core.StageHealth;
import dev.lethe.monitoring.LetheMetrics;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({TopicsProperties.class, IntakeProperties.class, GracePeriodProperties.class})
class IntakeConfiguration {

    /** Longest pause between two tries of a record the ledger or the dead-letter topic could not take. */
    private static final long MAX_RETRY_INTERVAL_MS = 10_000;

    @Bean
    RequestParser requestParser(JsonMapper json, IntakeProperties intake) {
        return new RequestParser(json, intake.maxRecordBytes());
    }

    @Bean
    RequestListener requestListener(TopicsProperties topics, RequestParser parser, SubjectRef subjectRef, RequestLedger ledger,
            DeadLetterWriter deadLetters, ApplicationEventPublisher events, Clock clock, LetheMetrics metrics,
            StageHealth stages, GracePeriodProperties gracePeriod, RequestCancellation cancellation) {
        return new RequestListener(topics, parser, subjectRef, ledger, deadLetters, events, clock, metrics, stages,
                gracePeriod, new CancelRecords(cancellation, clock));
    }

    @Bean
    TopicProvisioner topicProvisioner(KafkaAdmin kafkaAdmin, TopicsProperties topics) {
        return new TopicProvisioner(kafkaAdmin, topics);
    }

    /**
     * Malformed records never throw (the listener dead-letters them), so what reaches this handler is the ledger
     * or the dead-letter topic being unavailable: retry the same record without limit, never skip it.
     */
    @Bean
    CommonErrorHandler intakeErrorHandler() {
        ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
        backOff.setMaxInterval(MAX_RETRY_INTERVAL_MS);
        DefaultErrorHandler handler = new DefaultErrorHandler((record, error) -> {
            throw new IllegalStateException("unreachable: the intake back-off never gives up", error);
        }, backOff);
        handler.setLogLevel(org.springframework.kafka.KafkaException.Level.WARN);
        return handler;
    }
}
