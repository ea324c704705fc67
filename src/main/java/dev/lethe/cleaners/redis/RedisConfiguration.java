package dev.lethe.cleaners.redis;

import dev.lethe.plan.ResilienceProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The {@code redis} resource type: Redis connections ({@code lethe.redis}) and its factory. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RedisConnectionsProperties.class)
class RedisConfiguration {

    @Bean
    RedisTargets redisTargets(RedisConnectionsProperties properties) {
        return new RedisTargets(properties);
    }

    @Bean
    RedisCleanerFactory redisCleanerFactory(RedisTargets targets, ResilienceProperties resilience) {
        return new RedisCleanerFactory(targets, resilience.defaults());
    }
}
