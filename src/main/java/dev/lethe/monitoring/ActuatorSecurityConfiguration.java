package dev.lethe.monitoring;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Every actuator endpoint answers anyone (the health status for load balancers, Prometheus for scrapers: neither
 * carries subject data), but health details are shown only to the operator authenticated with HTTP Basic
 * ({@code management.endpoint.health.show-details: when-authorized}). Lethe serves nothing else over HTTP.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@EnableConfigurationProperties(OperatorAccessProperties.class)
class ActuatorSecurityConfiguration {

    static final String OPERATOR_ROLE = "LETHE_OPERATOR";

    @Bean
    SecurityFilterChain actuatorSecurity(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .httpBasic(Customizer.withDefaults())
                // Only GET endpoints and no browser sessions: nothing for a forged request to change.
                .csrf(csrf -> csrf.disable())
                .build();
    }

    /** The operator, or nobody: never Spring Boot's generated user, whose password would be logged at start. */
    @Bean
    UserDetailsService operators(OperatorAccessProperties operator) {
        if (!operator.isConfigured()) {
            return new InMemoryUserDetailsManager();
        }
        return new InMemoryUserDetailsManager(User.withUsername(operator.username())
                .password(PasswordEncoderFactories.createDelegatingPasswordEncoder().encode(operator.password()))
                .roles(OPERATOR_ROLE).build());
    }
}
