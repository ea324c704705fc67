package dev.lethe.tasks;

import dev.lethe.testsupport.ResourceFixtures;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.plan.ResourceCatalog;
import dev.lethe.plan.ResilienceSettings;
import dev.lethe.plan.ResourceProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetryBudgetTests {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    private final TaskProperties defaults = new TaskProperties(8, 64, 32, 100, Duration.ofMillis(500), Duration.ofSeconds(20), Duration.ofSeconds(4), Duration.ofSeconds(2),
            12, Duration.ofHours(2), Duration.ofSeconds(5), Duration.ofMinutes(5), 2.0, Duration.ofSeconds(30));
    private final ResourceCatalog catalog = new ResourceCatalog(Map.of(
            "posts", resource(null, null),
            "strict", resource(2, Duration.ofMinutes(1))));
    private final RetryBudget budget = new RetryBudget(defaults, catalog);

    @Test
    void growsTheBackoffExponentiallyUpToTheMaximum() {
        assertThat(budget.backoffAfter(1)).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(6));
        assertThat(budget.backoffAfter(3)).isBetween(Duration.ofSeconds(16), Duration.ofSeconds(24));
        assertThat(budget.backoffAfter(20)).isBetween(Duration.ofMinutes(4), Duration.ofMinutes(6));
    }

    @Test
    void defaultBudgetRidesOutAFifteenMinuteOutage() {
        Instant first = NOW;
        Instant at = first;
        int attempts = 1;
        while (true) {
            var next = budget.nextAttempt("posts", attempts, first, at);
            if (next.isEmpty()) {
                break;
            }
            at = next.get();
            attempts++;
        }
        assertThat(Duration.between(first, at)).isGreaterThan(Duration.ofMinutes(15));
        assertThat(attempts).isEqualTo(12);
    }

    @Test
    void stopsAtTheResourcesOwnAttemptLimit() {
        assertThat(budget.nextAttempt("strict", 1, NOW, NOW)).isPresent();
        assertThat(budget.nextAttempt("strict", 2, NOW, NOW)).isEmpty();
    }

    @Test
    void stopsOnceTheNextAttemptWouldBePastTheMaximumAge() {
        Instant firstAttempt = NOW.minus(Duration.ofSeconds(58));

        assertThat(budget.nextAttempt("strict", 1, firstAttempt, NOW)).isEmpty();
    }

    private static ResourceProperties resource(Integer maxAttempts, Duration maxAge) {
        return ResourceFixtures.aResource().withBudget(maxAttempts, maxAge).build();
    }
}
