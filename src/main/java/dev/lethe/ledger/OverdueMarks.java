package dev.lethe.ledger;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Marks open requests that passed their due date ({@code overdue_at}). The mark is written in the transaction that
 * reports it, so each request is reported once: a restart finds it marked, and a second worker never sees it unmarked.
 */
public class OverdueMarks {

    /** Arbitrary constant naming the sweep's advisory lock in the ledger database. */
    private static final long SWEEP_LOCK = 0x4c45544844L;

    // Statuses embedded as literals, so that the partial index deletion_request_due serves the query (see StatusSql).
    private static final String MARK = """
            update deletion_request r set overdue_at = :now
            from (select request_id from deletion_request
                  where status %s and overdue_at is null and due_at <= :now
                  order by due_at limit :limit for update skip locked) due
            where r.request_id = due.request_id
            returning r.request_id, r.subject_ref, r.run, r.dry_run, r.batch_id, r.due_at
            """.formatted(StatusSql.in(EnumSet.of(RequestStatus.RECEIVED, RequestStatus.RUNNING)));

    private final JdbcClient jdbc;

    public OverdueMarks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Marks up to {@code limit} requests open and due at {@code now}, in due order, and returns them; none when
     * another worker's sweep holds the lock (one sweep at a time keeps the work off the others; the marks alone
     * would already keep reports single). Locked rows (being planned or ended right now) wait for the next round.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<OverdueRequest> markDue(Instant now, int limit) {
        Boolean locked = jdbc.sql("select pg_try_advisory_xact_lock(:key)").param("key", SWEEP_LOCK)
                .query(Boolean.class).single();
        if (!Boolean.TRUE.equals(locked)) {
            return List.of();
        }
        return jdbc.sql(MARK).param("now", Timestamps.of(now)).param("limit", limit)
                .query((rs, row) -> new OverdueRequest(rs.getString("request_id"), rs.getString("subject_ref"),
                        rs.getInt("run"), rs.getBoolean("dry_run"), rs.getString("batch_id"),
                        rs.getObject("due_at", OffsetDateTime.class).toInstant()))
                .list();
    }
}
