package dev.lethe.monitoring;

import dev.lethe.core.StageHealth;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.sentry.IScopes;
import io.sentry.ScopesAdapter;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaAdmin;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MonitoringProperties.class)
class MonitoringConfiguration {

    /** Sentry's scopes where its auto-configuration made them, else the SDK's (disabled without a DSN). */
    @Bean
    ErrorReports errorReports(ObjectProvider<IScopes> sentry, StageHealth stages) {
        ErrorReports reports = new ErrorReports(sentry.getIfAvailable(ScopesAdapter::getInstance));
        stages.addFailureListener(reports::stageFailed);
        return reports;
    }

    @Bean
    RequestTraces requestTraces(ObjectProvider<IScopes> sentry, MonitoringProperties properties) {
        return new RequestTraces(sentry.getIfAvailable(ScopesAdapter::getInstance), properties);
    }

    @Bean
    RequestSampling requestSampling(@Value("${sentry.traces-sample-rate:0.1}") double sampleRate) {
        return new RequestSampling(sampleRate);
    }

    @Bean
    LetheMetrics letheMetrics(MeterRegistry registry) {
        return new LetheMetrics(registry);
    }

    @Bean
    LedgerGauges ledgerGauges(JdbcClient jdbc, Clock clock, MeterRegistry registry) {
        return new LedgerGauges(jdbc, clock, registry);
    }

    @Bean
    DueDateGauges dueDateGauges(JdbcClient jdbc, Clock clock, MeterRegistry registry) {
        return new DueDateGauges(jdbc, clock, registry);
    }

    @Bean
    KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin kafkaAdmin) {
        return new KafkaHealthIndicator(kafkaAdmin);
    }

    @Bean
    StagesHealthIndicator stagesHealthIndicator(StageHealth stages, Clock clock) {
        return new StagesHealthIndicator(stages, clock);
    }

    @Bean
    BreakersHealthIndicator breakersHealthIndicator(CircuitBreakerRegistry breakers) {
        return new BreakersHealthIndicator(breakers);
    }
}
