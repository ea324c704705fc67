package dev.lethe.monitoring;

import dev.lethe.core.StageHealth;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaAdmin;

@Configuration(proxyBeanMethods = false)
class MonitoringConfiguration {

    @Bean
    LetheMetrics letheMetrics(MeterRegistry registry) {
        return new LetheMetrics(registry);
    }

    @Bean
    LedgerGauges ledgerGauges(JdbcClient jdbc, Clock clock, MeterRegistry registry) {
        return new LedgerGauges(jdbc, clock, registry);
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
