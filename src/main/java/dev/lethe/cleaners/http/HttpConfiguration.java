package dev.lethe.cleaners.http;

import dev.lethe.plan.ResilienceProperties;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The {@code http} resource type: erases a subject's data in another service through its HTTP API. */
@Configuration(proxyBeanMethods = false)
class HttpConfiguration {

    @Bean
    HttpCleanerFactory httpCleanerFactory(ResilienceProperties resilience) {
        return new HttpCleanerFactory(resilience.defaults(), System::getenv, Clock.systemUTC());
    }
}
