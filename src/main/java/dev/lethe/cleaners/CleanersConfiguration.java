package dev.lethe.cleaners;

import dev.lethe.plan.ProtectionCheck;
import dev.lethe.plan.ResilienceProperties;
import dev.lethe.plan.ProtectionProperties;
import dev.lethe.plan.ResourceCatalog;
import java.util.List;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DataSourcesProperties.class)
class CleanersConfiguration {

    @Bean
    TargetDataSources targetDataSources(DataSourcesProperties properties) {
        return new TargetDataSources(properties);
    }

    @Bean
    JdbcCleanerFactory jdbcCleanerFactory(TargetDataSources dataSources, ResilienceProperties resilience) {
        return new JdbcCleanerFactory(dataSources, resilience.defaults());
    }

    @Bean
    CleanerRegistry cleanerRegistry(ResourceCatalog catalog, List<CleanerFactory> factories) {
        return new CleanerRegistry(catalog, factories);
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
