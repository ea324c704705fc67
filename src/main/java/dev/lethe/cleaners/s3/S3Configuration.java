package dev.lethe.cleaners.s3;

import dev.lethe.plan.ResilienceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The {@code s3} resource type: its factory, and the S3 clients it builds, closed when the worker stops. */
@Configuration(proxyBeanMethods = false)
class S3Configuration {

    @Bean
    S3Clients s3Clients() {
        return new S3Clients();
    }

    @Bean
    S3CleanerFactory s3CleanerFactory(S3Clients clients, ResilienceProperties resilience) {
        return new S3CleanerFactory(clients, resilience.defaults());
    }
}
