package dev.lethe.cleaners.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.sql.Connection;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

class DataSourcesHealthIndicatorTests {

    private Instant now = Instant.parse("2026-11-23T10:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @Test
    void anUnreachableDatasourceIsUnreachableNotDownAndNamedInTheDetails() throws Exception {
        DataSource app = answering();
        DataSource billing = mock(DataSource.class);
        when(billing.getConnection()).thenThrow(new SQLTransientConnectionException("timed out"));
        Map<String, DataSource> pools = new LinkedHashMap<>();
        pools.put("app", app);
        pools.put("billing", billing);

        Health health = new DataSourcesHealthIndicator(pools, clock).health();

        assertThat(health.getStatus()).isEqualTo(DataSourcesHealthIndicator.UNREACHABLE);
        assertThat(health.getStatus()).isNotEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsExactly(Map.entry("app", "UP"), Map.entry("billing", "DOWN"));
    }

    @Test
    void allAnsweringIsUp() throws Exception {
        Health health = new DataSourcesHealthIndicator(Map.of("app", answering()), clock).health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsExactly(Map.entry("app", "UP"));
    }

    @Test
    void theAnswerIsKeptForAFewSecondsSoProbesDoNotEachWait() throws Exception {
        DataSource app = answering();
        var indicator = new DataSourcesHealthIndicator(Map.of("app", app), clock);

        indicator.health();
        now = now.plus(DataSourcesHealthIndicator.CACHED_FOR.minusMillis(1));
        indicator.health();
        verify(app, times(1)).getConnection();

        now = now.plus(Duration.ofMillis(1));
        indicator.health();
        verify(app, times(2)).getConnection();
    }

    private static DataSource answering() throws Exception {
        DataSource pool = mock(DataSource.class);
        when(pool.getConnection()).thenReturn(mock(Connection.class));
        return pool;
    }
}
