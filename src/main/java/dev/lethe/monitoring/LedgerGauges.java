package dev.lethe.monitoring;

import dev.lethe.ledger.RequestStatus;
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
 * the number of open tasks (pending or running) of running requests and the age of the oldest, which grows when a
 * backend is down; the requests not yet ended and the age of the oldest; and the outbox records set aside because the
 * broker refused them for good (anything above 0 needs an operator).
 *
 * <p>A task held back by a failed dependency stays PENDING after its request ended FAILED, until a replay: it will
 * never run by itself, so counting it would make the pending gauges grow for ever and alert on nothing to do.
 */
class LedgerGauges {

    private static final Duration MAX_STALENESS = Duration.ofSeconds(5);

    // The statuses embedded as literals, not bound: the partial indexes deletion_task_open and deletion_request_open
    // serve these queries only when their predicates are provably the indexes' (see StatusSql). A task's age counts
    // from its request's current run at the earliest: a replay makes tasks of an old run pending again. And from the
    // request's execute_after: a task waiting out its grace period is not late (0 while every task still waits).
    private static final String SNAPSHOT = """
            select count(*), greatest(coalesce(extract(epoch from (cast(:now as timestamptz)
                    - min(greatest(t.created_at, r.started_at, r.execute_after)))), 0), 0),
                (select count(*) from deletion_request where status %2$s),
                (select coalesce(extract(epoch from (cast(:now as timestamptz) - min(received_at))), 0)
                    from deletion_request where status %2$s),
                (select count(*) from outbox_set_aside)
            from deletion_task t join deletion_request r on r.request_id = t.request_id
            where t.status %1$s and r.status = %3$s
            """.formatted(StatusSql.in(EnumSet.of(TaskStatus.PENDING, TaskStatus.RUNNING)),
            StatusSql.in(EnumSet.of(RequestStatus.RECEIVED, RequestStatus.RUNNING)), StatusSql.literal(RequestStatus.RUNNING));

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AtomicReference<Snapshot> last = new AtomicReference<>(new Snapshot(Instant.MIN, 0, 0, 0, 0, 0));

    LedgerGauges(JdbcClient jdbc, Clock clock, MeterRegistry registry) {
        this.jdbc = jdbc;
        this.clock = clock;
        Gauge.builder("lethe.tasks.pending", this, gauges -> gauges.current().pending())
                .description("Tasks of running requests not yet ended (pending or running); tasks held back by a failed "
                        + "request are not counted").register(registry);
        Gauge.builder("lethe.tasks.oldest.pending.age", this, gauges -> gauges.current().oldestAgeSeconds())
                .baseUnit("seconds").description("Age of the oldest task of a running request not yet ended")
                .register(registry);
        Gauge.builder("lethe.requests.open", this, gauges -> gauges.current().openRequests())
                .description("Requests received or running, not yet ended").register(registry);
        Gauge.builder("lethe.requests.oldest.open.age", this, gauges -> gauges.current().oldestOpenRequestSeconds())
                .baseUnit("seconds").description("Time since the oldest request not yet ended was received")
                .register(registry);
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
                    .query((row, n) -> new Snapshot(now, row.getLong(1), row.getDouble(2), row.getLong(3),
                            row.getDouble(4), row.getLong(5))).single();
            last.set(fresh);
            return fresh;
        } catch (RuntimeException e) {
            return snapshot; // the ledger is down: the health endpoint says so; keep the last known values
        }
    }

    private record Snapshot(Instant takenAt, long pending, double oldestAgeSeconds, long openRequests,
            double oldestOpenRequestSeconds, long setAside) {
    }
}
