package dev.lethe.cleaners.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * Whether each target database ({@code lethe.datasources}) answers within its connection timeout: {@code UP} or
 * {@code DOWN} per datasource (details for the operator). One that does not gives the status {@code UNREACHABLE},
 * which the health endpoint answers with 200 like {@code CIRCUIT_OPEN}: a backend outage is not a reason to restart
 * the worker (its tasks wait and retry), but dashboards and alerts see it. The answer is kept a few seconds, so
 * frequent probes do not each wait for a database that is down.
 */
final class DataSourcesHealthIndicator implements HealthIndicator {

    static final Status UNREACHABLE = new Status("UNREACHABLE", "a target database does not answer; its tasks wait");
    static final Duration CACHED_FOR = Duration.ofSeconds(5);

    private final Map<String, DataSource> pools;
    private final Clock clock;
    private Health cached;
    private Instant cachedAt;

    /** @param pools the target databases' pools by name ({@link TargetDataSources#all()}) */
    DataSourcesHealthIndicator(Map<String, DataSource> pools, Clock clock) {
        this.pools = pools;
        this.clock = clock;
    }

    @Override
    public synchronized Health health() {
        Instant now = clock.instant();
        if (cached == null || !now.isBefore(cachedAt.plus(CACHED_FOR))) {
            cached = check();
            cachedAt = now;
        }
        return cached;
    }

    private Health check() {
        Map<String, String> states = new LinkedHashMap<>();
        boolean allUp = true;
        for (Map.Entry<String, DataSource> pool : pools.entrySet()) {
            boolean up = answers(pool.getValue());
            states.put(pool.getKey(), up ? Status.UP.getCode() : Status.DOWN.getCode());
            allUp &= up;
        }
        return Health.status(allUp ? Status.UP : UNREACHABLE).withDetails(states).build();
    }

    /**
     * The pool waits at most the datasource's connection timeout for a connection, and checks an idle one before
     * handing it out, so a connection is an answer.
     */
    private static boolean answers(DataSource pool) {
        try (Connection ignored = pool.getConnection()) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }
}
