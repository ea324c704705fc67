package dev.lethe.monitoring;

import dev.lethe.ledger.StatusSql;
import dev.lethe.ledger.TaskStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Pending work, read from the ledger at most every {@link #MAX_STALENESS} however often metrics are scraped:
 * the number of open tasks (pending or running) and the age of the oldest, which grows when a backend is down; and the
 * outbox records set aside because the broker refused them for good (anything above 0 needs an operator).
 */
class LedgerGauges {

    private static final Duration MAX_STALENESS = Duration.ofSeconds(5);

    // The statuses embedded as literals, not bound: the partial index deletion_task_open serves this query only when
    // its predicate is provably the index's (see StatusSql).
    private static final String SNAPSHOT = """
            select count(*), coalesce(extract(epoch from (cast(:now as timestamptz) - min(created_at))), 0),
                (select count(*) from outbox_set_aside)
            from deletion_task where status %s
            """.formatted(StatusSql.in(EnumSet.of(TaskStatus.PENDING, TaskStatus.RUNNING)));

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AtomicReference<Snapshot> last = new AtomicReference<>(new Snapshot(Instant.MIN, 0, 0, 0));

    LedgerGauges(JdbcClient jdbc, Clock clock, MeterRegistry registry) {
        this.jdbc = jdbc;
        this.clock = clock;
        Gauge.builder("lethe.tasks.pending", this, gauges -> gauges.current().pending())
                .description("Tasks planned and not yet ended (pending or running)").register(registry);
        Gauge.builder("lethe.tasks.oldest.pending.age", this, gauges -> gauges.current().oldestAgeSeconds())
                .baseUnit("seconds").description("Age of the oldest task not yet ended").register(registry);
        Gauge.builder("lethe.outbox.set.aside", this, gauges -> gauges.current().setAside())
                .description("Outbox records the broker refused for good, kept in outbox_set_aside for an operator")
                .register(registry);
    }

    private Snapshot current() {
        Instant now = clock.instant();
        Snapshot snapshot = last.get();
        if (snapshot.takenAt().plus(MAX_STALENESS).isAfter(now)) {
            return snapshot;
        }
        try {
            Snapshot fresh = jdbc.sql(SNAPSHOT).param("now", java.sql.Timestamp.from(now))
                    .query((row, n) -> new Snapshot(now, row.getLong(1), row.getDouble(2), row.getLong(3))).single();
            last.set(fresh);
            return fresh;
        } catch (RuntimeException e) {
            return snapshot; // the ledger is down: the health endpoint says so; keep the last known values
        }
    }

    private record Snapshot(Instant takenAt, long pending, double oldestAgeSeconds, long setAside) {
    }
}
