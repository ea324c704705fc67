package dev.lethe.cleaners.jdbc;

import dev.lethe.plan.LegalHoldCheck;
import dev.lethe.plan.LegalHoldProperties;
import dev.lethe.plan.ProtectionCheck;
import dev.lethe.plan.ProtectionProperties;
import dev.lethe.plan.ResilienceProperties;
import java.time.Clock;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code jdbc} resource type: target databases ({@code lethe.datasources}) and their health, its factory, the
 * protection and legal hold checks; resources and both queries are checked against their databases at start.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DataSourcesProperties.class)
class JdbcConfiguration {

    @Bean
    TargetDataSources targetDataSources(DataSourcesProperties properties) {
        return new TargetDataSources(properties);
    }

    @Bean
    StartupChecks jdbcStartupChecks(TargetDataSources dataSources) {
        return new StartupChecks(dataSources);
    }

    /**
     * @param subjectKey the audit's HMAC key, which {@code hash} masks use too (read as a property, so this type does
     *     not depend on the audit package); its presence is the audit configuration's to require
     */
    @Bean
    JdbcCleanerFactory jdbcCleanerFactory(TargetDataSources dataSources, StartupChecks startupChecks,
            ResilienceProperties resilience, @Value("${lethe.audit.subject-key:}") String subjectKey) {
        return new JdbcCleanerFactory(dataSources, startupChecks, resilience.defaults(), HmacPads.of(subjectKey));
    }

    @Bean
    ProtectionCheck protectionCheck(ProtectionProperties properties, TargetDataSources dataSources,
            StartupChecks startupChecks) {
        if (!properties.isConfigured()) {
            LoggerFactory.getLogger(ProtectionCheck.class)
                    .warn("lethe.protection.query is not set: no subject is protected from erasure");
            return ProtectionCheck.none();
        }
        JdbcProtectionCheck check = new JdbcProtectionCheck(
                dataSources.get(properties.datasource(), "lethe.protection.datasource"), properties.datasource(),
                properties.query());
        startupChecks.check(properties.datasource(), "lethe.protection.datasource", check::verify);
        return check;
    }

    @Bean
    LegalHoldCheck legalHoldCheck(LegalHoldProperties properties, TargetDataSources dataSources,
            StartupChecks startupChecks) {
        if (!properties.isConfigured()) {
            return LegalHoldCheck.none();
        }
        JdbcLegalHoldCheck check = new JdbcLegalHoldCheck(
                dataSources.get(properties.datasource(), "lethe.legal-hold.datasource"), properties.datasource(),
                properties.query());
        startupChecks.check(properties.datasource(), "lethe.legal-hold.datasource", check::verify);
        return check;
    }

    @Bean
    DataSourcesHealthIndicator datasourcesHealthIndicator(TargetDataSources dataSources, Clock clock) {
        return new DataSourcesHealthIndicator(dataSources.all(), clock);
    }
}
