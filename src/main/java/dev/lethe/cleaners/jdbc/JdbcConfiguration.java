package dev.lethe.cleaners.jdbc;

import dev.lethe.plan.ProtectionCheck;
import dev.lethe.plan.ProtectionProperties;
import dev.lethe.plan.ResilienceProperties;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The {@code jdbc} resource type: target databases ({@code lethe.datasources}), its factory, the protection check. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DataSourcesProperties.class)
class JdbcConfiguration {

    @Bean
    TargetDataSources targetDataSources(DataSourcesProperties properties) {
        return new TargetDataSources(properties);
    }

    @Bean
    JdbcCleanerFactory jdbcCleanerFactory(TargetDataSources dataSources, ResilienceProperties resilience) {
        return new JdbcCleanerFactory(dataSources, resilience.defaults());
    }

    @Bean
    ProtectionCheck protectionCheck(ProtectionProperties properties, TargetDataSources dataSources) {
        if (!properties.isConfigured()) {
            LoggerFactory.getLogger(ProtectionCheck.class)
                    .warn("lethe.protection.query is not set: no subject is protected from erasure");
            return ProtectionCheck.none();
        }
        return new JdbcProtectionCheck(dataSources.get(properties.datasource(), "lethe.protection.datasource"),
                properties.query());
    }
}
