package dev.lethe.ledger;

import dev.lethe.core.PollingLoop;
import dev.lethe.core.StageHealth;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Gives a young ledger its first planner statistics. Until autovacuum first analyses a table (a minute or more after it
 * filled), PostgreSQL has no statistics for it and assumes each key in a batch matches 0.5% of the rows: a lookup of a
 * hundred request ids then looks like half the table, and every batch statement of the task stage scanned the whole
 * task table (128 million rows read in a 10,000-request run). One ANALYZE once the tables hold some rows fixes that
 * for good: the distinctness it measures (one row per request, a few tasks per request) stays true as they grow.
 */
class LedgerStatistics extends PollingLoop {

    private static final Logger log = LoggerFactory.getLogger(LedgerStatistics.class);
    private static final List<String> TABLES = List.of("deletion_request", "deletion_task");
    /** Rows in the task table from which a sample says how its keys repeat. */
    private static final long ENOUGH_ROWS = 500;

    private final JdbcTemplate jdbc;
    private volatile boolean done;

    LedgerStatistics(JdbcTemplate jdbc, StageHealth health) {
        super("ledger-statistics", Duration.ofSeconds(2), health);
        this.jdbc = jdbc;
    }

    @Override
    protected boolean runOnce() {
        if (done) {
            return false;
        }
        Long analysed = jdbc.queryForObject("""
                select count(*) from pg_stats where schemaname = current_schema() and tablename = 'deletion_task'
                  and attname = 'request_id'""", Long.class);
        if (analysed != null && analysed > 0) {
            done = true;
            return false;
        }
        Long tasks = jdbc.queryForObject("select count(*) from (select 1 from deletion_task limit " + ENOUGH_ROWS + ") t",
                Long.class);
        if (tasks != null && tasks >= ENOUGH_ROWS) {
            jdbc.execute("analyze " + String.join(", ", TABLES));
            log.info("the ledger's tables had no planner statistics yet: analysed {}", TABLES);
            done = true;
        }
        return false;
    }

    @Override
    protected StopOrder stopOrder() {
        return StopOrder.STATISTICS;
    }
}
