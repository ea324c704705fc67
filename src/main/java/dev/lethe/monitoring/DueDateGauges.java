package dev.lethe.monitoring;

import dev.lethe.ledger.RequestStatus;
import dev.lethe.ledger.StatusSql;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code lethe.requests.due}: requests not yet ended by how long until they are due, one gauge per {@code days}
 * bucket (a fixed set of tags), read from the ledger at most every {@link #MAX_STALENESS}. A growing {@code overdue}
 * or {@code 0-1} bucket is what the compliance team alerts on.
 */
class DueDateGauges {

    private static final Duration MAX_STALENESS = Duration.ofSeconds(5);
    /** The {@code days} tag values, nearest first; each bucket holds requests due within its upper bound. */
    static final List<String> BUCKETS = List.of("overdue", "0-1", "1-7", "7-30", "30+");

    private static final String COUNT_BY_BUCKET = """
            select case when due_at <= :now then 'overdue'
                        when due_at <= cast(:now as timestamptz) + interval '1 day' then '0-1'
                        when due_at <= cast(:now as timestamptz) + interval '7 days' then '1-7'
                        when due_at <= cast(:now as timestamptz) + interval '30 days' then '7-30'
                        else '30+' end, count(*)
            from deletion_request where status %s and due_at is not null group by 1
            """.formatted(StatusSql.in(EnumSet.of(RequestStatus.RECEIVED, RequestStatus.RUNNING)));

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AtomicReference<Snapshot> last = new AtomicReference<>(new Snapshot(Instant.MIN, Map.of()));

    DueDateGauges(JdbcClient jdbc, Clock clock, MeterRegistry registry) {
        this.jdbc = jdbc;
        this.clock = clock;
        for (String bucket : BUCKETS) {
            Gauge.builder("lethe.requests.due", this, gauges -> gauges.current().count(bucket))
                    .description("Requests not yet ended, by days until they are due (overdue: past it)")
                    .tag("days", bucket).register(registry);
        }
    }

    private Snapshot current() {
        Instant now = clock.instant();
        Snapshot snapshot = last.get();
        if (snapshot.takenAt().plus(MAX_STALENESS).isAfter(now)) {
            return snapshot;
        }
        try {
            Map<String, Long> counts = new HashMap<>();
            jdbc.sql(COUNT_BY_BUCKET).param("now", Timestamp.from(now))
                    .query((row, n) -> counts.put(row.getString(1), row.getLong(2))).list();
            Snapshot fresh = new Snapshot(now, counts);
            last.set(fresh);
            return fresh;
        } catch (RuntimeException e) {
            return snapshot; // the ledger is down: the health endpoint says so; keep the last known values
        }
    }

    private record Snapshot(Instant takenAt, Map<String, Long> counts) {

        long count(String bucket) {
            return counts.getOrDefault(bucket, 0L);
        }
    }
}
