package dev.lethe.ledger;

import dev.lethe.audit.AuditContext;
import dev.lethe.audit.AuditTrail;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies cancel records: a request none of whose tasks started ends CANCELLED, with REQUEST_CANCELLED in the same
 * transaction; otherwise the cancel is too late and the request runs to its own end.
 *
 * <p>Race safety with a claim on another worker: the cancel locks the request row, then takes its task rows with
 * {@code skip locked}. A task row it cannot lock is being claimed (or its result recorded) right now: the claim wins
 * and the cancel is too late. Tasks it did lock are moved PENDING → CANCELLED before the commit, so a claim that read
 * them as PENDING before and locks them after finds them changed and skips them; and claims take tasks of RUNNING
 * requests only. Either the cancel wins and no task ever starts, or a claim wins and the cancel is too late, never
 * both. Skipping locked rows (instead of waiting) also keeps the cancel from deadlocking with a result being recorded,
 * which locks task rows first and the request row after.
 */
public class RequestCancellation {

    private static final StatusMove<RequestStatus> CANCEL_RECEIVED = StatusMove.of(RequestStatus.RECEIVED, RequestStatus.CANCELLED);
    private static final StatusMove<RequestStatus> CANCEL_RUNNING = StatusMove.of(RequestStatus.RUNNING, RequestStatus.CANCELLED);
    private static final StatusMove<TaskStatus> CANCEL_TASK = StatusMove.of(TaskStatus.PENDING, TaskStatus.CANCELLED);
    private static final EnumSet<TaskStatus> STARTED = EnumSet.of(TaskStatus.RUNNING, TaskStatus.FAILED);

    private static final String LOCK_REQUEST = """
            select request_id, subject_ref, status, run, dry_run, batch_id from deletion_request
            where request_id = :r for update
            """;

    private static final String LOCK_TASKS = """
            select status, attempts from deletion_task where request_id = :r for update skip locked
            """;

    private static final String COUNT_TASKS = "select count(*) from deletion_task where request_id = :r";

    private static final String CANCEL_TASKS = "update deletion_task set " + CANCEL_TASK.set("status")
            + ", updated_at = :now where request_id = :r and " + CANCEL_TASK.whereByKey("status");

    private final JdbcClient jdbc;
    private final AuditTrail audit;

    public RequestCancellation(JdbcClient jdbc, AuditTrail audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** What a cancel record did. */
    public enum Result {
        /** The request ended CANCELLED: REQUEST_CANCELLED is in the outbox, nothing was erased. */
        CANCELLED,
        /** The request was cancelled before (a redelivered or re-sent cancel): nothing to do. */
        ALREADY_CANCELLED,
        /** A task of the request started, or the request ended: it runs to its own end. */
        TOO_LATE,
        /** The ledger does not know the requestId. */
        UNKNOWN_REQUEST,
        /** The requestId belongs to another subject. */
        CONFLICT
    }

    @Transactional
    public Result cancel(String requestId, String subjectRef, Instant now) {
        Optional<Locked> found = jdbc.sql(LOCK_REQUEST).param("r", requestId)
                .query((rs, row) -> new Locked(rs.getString("subject_ref"), RequestStatus.valueOf(rs.getString("status")),
                        rs.getInt("run"), rs.getBoolean("dry_run"), rs.getString("batch_id")))
                .optional();
        if (found.isEmpty()) {
            return Result.UNKNOWN_REQUEST;
        }
        Locked request = found.get();
        if (!request.subjectRef().equals(subjectRef)) {
            return Result.CONFLICT;
        }
        if (request.status() == RequestStatus.CANCELLED) {
            return Result.ALREADY_CANCELLED;
        }
        if (request.status().isFinal() || request.status() == RequestStatus.FAILED || request.run() > 1 || anyTaskStarted(requestId)) {
            return Result.TOO_LATE;
        }
        jdbc.sql(CANCEL_TASKS).param("r", requestId).param("now", Timestamps.of(now)).update();
        StatusMove<RequestStatus> move = request.status() == RequestStatus.RECEIVED ? CANCEL_RECEIVED : CANCEL_RUNNING;
        // The record as received is erased as for every ended request: the ledger keeps no subject data beyond the work.
        jdbc.sql("update deletion_request set " + move.set("status") + ", finished_at = :now, record_key = null, payload = null,"
                        + " updated_at = :now where request_id = :r and " + move.whereByKey("status"))
                .param("r", requestId).param("now", Timestamps.of(now)).update();
        audit.requestCancelled(new AuditContext(requestId, request.subjectRef(), request.run(), request.dryRun(),
                request.batchId()), now);
        return Result.CANCELLED;
    }

    /**
     * Whether a task of the request ran or is being claimed. A task planned SKIPPED (COMPLETED without an attempt) did
     * not start: nothing was erased.
     */
    private boolean anyTaskStarted(String requestId) {
        List<TaskRow> lockable = jdbc.sql(LOCK_TASKS).param("r", requestId)
                .query((rs, row) -> new TaskRow(TaskStatus.valueOf(rs.getString("status")), rs.getInt("attempts"))).list();
        long all = jdbc.sql(COUNT_TASKS).param("r", requestId).query(Long.class).single();
        return lockable.size() < all
                || lockable.stream().anyMatch(task -> task.attempts() > 0 || STARTED.contains(task.status()));
    }

    private record Locked(String subjectRef, RequestStatus status, int run, boolean dryRun, String batchId) {
    }

    private record TaskRow(TaskStatus status, int attempts) {
    }
}
