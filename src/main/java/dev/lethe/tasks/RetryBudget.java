package dev.lethe.tasks;

import dev.lethe.plan.ResourceCatalog;
import dev.lethe.plan.ResourceProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long a task keeps trying after transient failures: attempts and age per resource, with exponential backoff
 * and jitter (so tasks parked by one outage do not all return in the same second).
 */
final class RetryBudget {

    private static final double JITTER = 0.2;

    private final TaskProperties defaults;
    private final ResourceCatalog catalog;

    RetryBudget(TaskProperties defaults, ResourceCatalog catalog) {
        this.defaults = defaults;
        this.catalog = catalog;
    }

    /**
     * When to try again after a transient failure, or empty when the budget is spent.
     *
     * @param attempts cleaner calls made so far in this run
     * @param firstAttemptAt when this run first called the cleaner
     */
    Optional<Instant> nextAttempt(String resource, int attempts, Instant firstAttemptAt, Instant now) {
        ResourceProperties settings = catalog.get(resource).settings();
        int maxAttempts = settings.maxAttempts() != null ? settings.maxAttempts() : defaults.maxAttempts();
        Duration maxAge = settings.maxAge() != null ? settings.maxAge() : defaults.maxAge();
        Instant next = now.plus(backoffAfter(attempts));
        Instant firstAttempt = firstAttemptAt != null ? firstAttemptAt : now;
        if (attempts >= maxAttempts || next.isAfter(firstAttempt.plus(maxAge))) {
            return Optional.empty();
        }
        return Optional.of(next);
    }

    Duration backoffAfter(int attempts) {
        double base = defaults.initialBackoff().toMillis() * Math.pow(defaults.backoffMultiplier(), Math.max(0, attempts - 1));
        double capped = Math.min(base, defaults.maxBackoff().toMillis());
        double jittered = capped * (1 - JITTER + 2 * JITTER * ThreadLocalRandom.current().nextDouble());
        return Duration.ofMillis(Math.round(jittered));
    }
}
