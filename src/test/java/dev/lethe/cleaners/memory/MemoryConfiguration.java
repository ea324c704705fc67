package dev.lethe.cleaners.memory;

import dev.lethe.cleaners.CleanerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the {@code memory} type: found by component scanning like any type's package, nothing else edited. */
@Configuration(proxyBeanMethods = false)
class MemoryConfiguration {

    @Bean
    MemoryStore memoryStore() {
        return new MemoryStore();
    }

    @Bean
    CleanerFactory memoryCleanerFactory(MemoryStore store) {
        return new MemoryCleanerFactory(store);
    }
}
