package dev.lethe.core;

import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({StageHealthProperties.class, TopicsProperties.class, ComplianceProperties.class})
class CoreConfiguration {

    @Bean
    StageHealth stageHealth(Clock clock, StageHealthProperties properties) {
        return new StageHealth(clock, properties.stallThreshold());
    }
}
