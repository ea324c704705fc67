package dev.lethe.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

class BreakersHealthIndicatorTests {

    private final CircuitBreakerRegistry breakers = CircuitBreakerRegistry.ofDefaults();
    private final BreakersHealthIndicator indicator = new BreakersHealthIndicator(breakers);

    @Test
    void isUpWithEveryBreakerStateWhileAllAreClosed() {
        breakers.circuitBreaker("posts");
        breakers.circuitBreaker("chats");

        var health = indicator.health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("posts", "CLOSED").containsEntry("chats", "CLOSED");
    }

    @Test
    void reportsCircuitOpenWhenABackendIsDown() {
        breakers.circuitBreaker("posts");
        breakers.circuitBreaker("chats").transitionToOpenState();

        var health = indicator.health();

        assertThat(health.getStatus().getCode()).isEqualTo("CIRCUIT_OPEN");
        assertThat(health.getDetails()).containsEntry("chats", "OPEN").containsEntry("posts", "CLOSED");
    }
}
