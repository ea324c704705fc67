package dev.lethe.ledger;

import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StageHealthProperties.class)
class LedgerConfiguration {

    @Bean
    StageHealth stageHealth(Clock clock, StageHealthProperties properties) {
        return new StageHealth(clock, properties.stallThreshold());
    }

    @Bean
    RequestLedger requestLedger(JdbcClient jdbc, JdbcTemplate jdbcTemplate) {
        return new RequestLedger(jdbc, jdbcTemplate);
    }

    @Bean
    TaskLedger taskLedger(JdbcClient jdbc) {
        return new TaskLedger(jdbc);
    }
}
