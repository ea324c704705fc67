package dev.lethe.ledger;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

@Configuration(proxyBeanMethods = false)
class LedgerConfiguration {

    @Bean
    RequestLedger requestLedger(JdbcClient jdbc, JdbcTemplate jdbcTemplate) {
        return new RequestLedger(jdbc, jdbcTemplate);
    }

    @Bean
    TaskLedger taskLedger(JdbcClient jdbc) {
        return new TaskLedger(jdbc);
    }
}
