package dev.lethe.ledger;

import dev.lethe.core.ComplianceProperties;
import dev.lethe.core.StageHealth;
import dev.lethe.audit.AuditTrail;
import dev.lethe.deadletter.FailedRequestDeadLetters;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

@Configuration(proxyBeanMethods = false)
class LedgerConfiguration {

    @Bean
    RequestEnding requestEnding(RequestLedger requests, TaskLedger tasks, AuditTrail audit,
            FailedRequestDeadLetters deadLetters) {
        return new RequestEnding(requests, tasks, audit, deadLetters);
    }

    @Bean
    RequestCancellation requestCancellation(JdbcClient jdbc, AuditTrail audit) {
        return new RequestCancellation(jdbc, audit);
    }

    @Bean
    RequestLedger requestLedger(JdbcClient jdbc, JdbcTemplate jdbcTemplate, ComplianceProperties compliance) {
        return new RequestLedger(jdbc, jdbcTemplate, compliance);
    }

    @Bean
    LedgerStatistics ledgerStatistics(JdbcTemplate jdbc, StageHealth health) {
        return new LedgerStatistics(jdbc, health);
    }

    @Bean
    OverdueMarks overdueMarks(JdbcClient jdbc) {
        return new OverdueMarks(jdbc);
    }

    @Bean
    TaskLedger taskLedger(JdbcClient jdbc) {
        return new TaskLedger(jdbc);
    }
}
