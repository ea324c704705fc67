package dev.lethe.monitoring;

import dev.lethe.core.StageHealth;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * DOWN while a stage has failed every round for longer than {@code lethe.monitoring.stall-threshold}: a worker that
 * retries without end erases nothing, and must not look healthy. Stages failing for less are listed, still UP.
 */
class StagesHealthIndicator implements HealthIndicator {

    private final StageHealth stages;
    private final Clock clock;

    StagesHealthIndicator(StageHealth stages, Clock clock) {
        this.stages = stages;
        this.clock = clock;
    }

    @Override
    public Health health() {
        Instant now = clock.instant();
        Map<String, Object> details = new LinkedHashMap<>();
        stages.failing().forEach((stage, failing) -> details.put(stage, Map.of(
                "failingForSeconds", failing.failingFor(now).toSeconds(),
                "failures", failing.failures(),
                "cause", failing.cause())));
        Health.Builder health = stages.stalled().isEmpty() ? Health.up() : Health.down();
        return health.withDetails(details).build();
    }
}
