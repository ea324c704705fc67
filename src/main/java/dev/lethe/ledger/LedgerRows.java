package dev.lethe.ledger;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.springframework.jdbc.core.RowMapper;

/**
 * The ledger's rows read by column, on the hot path. Reflective mapping (a data-class row mapper) resolves property
 * types and converters for every row and took a visible share of the worker's CPU; these read each column directly,
 * and timestamps as {@link OffsetDateTime}, which the driver parses without a {@code Calendar}.
 */
final class LedgerRows {

    static final RowMapper<ClaimedTask> CLAIMED_TASK = (rs, row) -> new ClaimedTask(rs.getString("request_id"),
            rs.getString("resource"), rs.getInt("run"), rs.getInt("attempts"), instant(rs, "first_attempt_at"),
            rs.getString("subject_ref"), rs.getBoolean("dry_run"), rs.getBytes("payload"), rs.getString("batch_id"),
            rs.getLong("items"));

    static final RowMapper<TaskKey> TASK_KEY = (rs, row) -> new TaskKey(rs.getString("request_id"), rs.getString("resource"));

    static final RowMapper<LedgerTask> TASK = (rs, row) -> new LedgerTask(rs.getString("request_id"),
            rs.getString("resource"), rs.getInt("position"), TaskStatus.valueOf(rs.getString("status")), rs.getInt("run"),
            rs.getInt("attempts"), rs.getInt("waiting_on"), rs.getString("outcome"), nullableLong(rs, "items"),
            rs.getString("last_error"), instant(rs, "next_attempt_at"), instant(rs, "first_attempt_at"),
            rs.getString("lease_owner"), instant(rs, "lease_expires_at"), instant(rs, "completed_at"));

    static final RowMapper<LedgerRequest> REQUEST = (rs, row) -> new LedgerRequest(rs.getString("request_id"),
            rs.getString("subject_ref"), RequestStatus.valueOf(rs.getString("status")), rs.getInt("run"),
            rs.getBoolean("dry_run"), rs.getBytes("record_key"), rs.getBytes("payload"), instant(rs, "received_at"),
            instant(rs, "started_at"), instant(rs, "finished_at"), instant(rs, "updated_at"), rs.getString("origin"),
            rs.getString("batch_id"));

    static final RowMapper<ReceivedRequest> RECEIVED = (rs, row) -> new ReceivedRequest(rs.getString("request_id"),
            rs.getString("subject_ref"), rs.getInt("run"), rs.getBoolean("dry_run"), rs.getBytes("payload"),
            rs.getString("batch_id"), instant(rs, "execute_after"), instant(rs, "due_at"));

    private LedgerRows() {
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }
}
