package dev.lethe.deadlines;

import dev.lethe.audit.AuditTrail;
import dev.lethe.core.ComplianceProperties;
import dev.lethe.core.StageHealth;
import dev.lethe.ledger.OverdueMarks;
import dev.lethe.monitoring.LetheMetrics;
import java.time.Clock;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionTemplate;

/** Deadlines ({@code lethe.compliance.deadline}): due dates are set at intake; this reports the requests that miss them. */
@Configuration(proxyBeanMethods = false)
class DeadlinesConfiguration {

    @Bean
    OverdueSweep overdueSweep(OverdueMarks marks, AuditTrail audit, TransactionTemplate transactions,
            ApplicationEventPublisher events, LetheMetrics metrics, Clock clock, ComplianceProperties compliance,
            StageHealth health) {
        return new OverdueSweep(marks, audit, transactions, events, metrics, clock, compliance.deadline(), health);
    }
}
