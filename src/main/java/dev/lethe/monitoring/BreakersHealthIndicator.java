package dev.lethe.monitoring;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * The state of every resource's circuit breaker. An open breaker means a backend is down, not that the worker is:
 * the status is {@code CIRCUIT_OPEN}, which the health endpoint maps to HTTP 200 so orchestrators do not restart a
 * healthy worker, while dashboards and alerts see it.
 */
class BreakersHealthIndicator implements HealthIndicator {

    static final Status CIRCUIT_OPEN = new Status("CIRCUIT_OPEN", "a backend is down; its tasks wait");

    private final CircuitBreakerRegistry breakers;

    BreakersHealthIndicator(CircuitBreakerRegistry breakers) {
        this.breakers = breakers;
    }

    @Override
    public Health health() {
        Map<String, String> states = new TreeMap<>();
        boolean open = false;
        for (CircuitBreaker breaker : breakers.getAllCircuitBreakers()) {
            states.put(breaker.getName(), breaker.getState().name());
            open |= breaker.getState() == CircuitBreaker.State.OPEN || breaker.getState() == CircuitBreaker.State.FORCED_OPEN;
        }
        return Health.status(open ? CIRCUIT_OPEN : Status.UP).withDetails(states).build();
    }
}
