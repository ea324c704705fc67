package dev.lethe.plan;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ResourcesProperties.class, ProtectionProperties.class, LegalHoldProperties.class,
        ResilienceProperties.class})
class PlanConfiguration {

    @Bean
    ResourceCatalog resourceCatalog(ResourcesProperties properties) {
        return new ResourceCatalog(properties.resources());
    }
}
