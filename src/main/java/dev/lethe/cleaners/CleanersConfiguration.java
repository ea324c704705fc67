package dev.lethe.cleaners;

import dev.lethe.plan.ResourceCatalog;
import jakarta.validation.Validator;
import java.util.List;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
class CleanersConfiguration {

    @Bean
    CleanerRegistry cleanerRegistry(ResourceCatalog catalog, List<CleanerFactory> factories, Environment environment,
            Validator validator) {
        return new CleanerRegistry(catalog, factories, new ResourceSettings(Binder.get(environment), validator));
    }
}
