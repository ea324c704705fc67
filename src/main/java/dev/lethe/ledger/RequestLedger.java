package dev.lethe.ledger;

import dev.lethe.plan.PlannedTask;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Writes to requests and their task rows: intake, planning and the end of a request. */
public class RequestLedger {

    private final JdbcClient jdbc;

    public RequestLedger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Makes a request durable. A new id becomes RECEIVED; a FAILED one becomes RECEIVED again with the next run
     * number; any other known id is left alone.
     */
    @Transactional
    public IntakeResult record(String requestId, String subjectRef, boolean dryRun, byte[] key, byte[] payload, Instant now) {
        int changed = jdbc.sql("""
                insert into deletion_request (request_id, subject_ref, status, run, dry_run, record_key, payload, received_at, updated_at)
                values (:requestId, :subjectRef, 'RECEIVED', 1, :dryRun, :key, :payload, :now, :now)
                on conflict (request_id) do update set status = 'RECEIVED', run = deletion_request.run + 1,
                    dry_run = excluded.dry_run, record_key = excluded.record_key, payload = excluded.payload,
                    received_at = excluded.received_at, started_at = null, finished_at = null, updated_at = excluded.updated_at
                where deletion_request.status = 'FAILED' and deletion_request.subject_ref = excluded.subject_ref
                """)
                .param("requestId", requestId).param("subjectRef", subjectRef).param("dryRun", dryRun)
                .param("key", key).param("payload", payload).param("now", Timestamps.of(now))
                .update();
        if (changed == 1) {
            return IntakeResult.RECORDED;
        }
        String known = jdbc.sql("select subject_ref from deletion_request where request_id = :requestId")
                .param("requestId", requestId).query(String.class).single();
        return known.equals(subjectRef) ? IntakeResult.DUPLICATE : IntakeResult.CONFLICT;
    }

    /** Locks up to {@code limit} RECEIVED requests for planning; other workers skip them. */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<ReceivedRequest> claimReceived(int limit) {
        return jdbc.sql("""
                select request_id, subject_ref, run, dry_run, payload from deletion_request
                where status = 'RECEIVED' order by received_at limit :limit for update skip locked
                """).param("limit", limit).query(ReceivedRequest.class).list();
    }

    /**
     * Accepts a request: the first run writes a task per planned resource (and its dependencies); a later run
     * (replay) makes its tasks that did not complete PENDING again.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void accept(String requestId, int run, List<PlannedTask> tasks, Instant now) {
        var at = Timestamps.of(now);
        if (run == 1) {
            for (PlannedTask task : tasks) {
                insertTask(requestId, task, at);
            }
            for (PlannedTask task : tasks) {
                for (String dependency : task.dependsOn()) {
                    jdbc.sql("insert into deletion_task_dependency (request_id, resource, depends_on) values (:r, :res, :dep)")
                            .param("r", requestId).param("res", task.resource()).param("dep", dependency).update();
                }
            }
        } else {
            jdbc.sql("""
                    update deletion_task set status = 'PENDING', run = :run, attempts = 0, last_error = null,
                        next_attempt_at = :now, first_attempt_at = null, lease_owner = null, lease_expires_at = null, updated_at = :now
                    where request_id = :requestId and status <> 'COMPLETED'
                    """).param("run", run).param("now", at).param("requestId", requestId).update();
        }
        moveTo(requestId, RequestStatus.RECEIVED, RequestStatus.RUNNING, "started_at = :now,", now);
    }

    /** Names of the tasks a re-run has to do: those that did not complete in earlier runs, in plan order. */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<String> unfinishedResources(String requestId) {
        return jdbc.sql("select resource from deletion_task where request_id = :r and status <> 'COMPLETED' order by position")
                .param("r", requestId).query(String.class).list();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void reject(String requestId, Instant now) {
        moveTo(requestId, RequestStatus.RECEIVED, RequestStatus.REJECTED, "finished_at = :now, record_key = null, payload = null,", now);
    }

    /** Locks a request row so only one transaction decides whether it has ended. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<LedgerRequest> lock(String requestId) {
        return jdbc.sql("select * from deletion_request where request_id = :r for update")
                .param("r", requestId).query(LedgerRequest.class).optional();
    }

    /** Ends a running request and erases the record as received: what remains is the subjectRef and the outcomes. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void finish(String requestId, RequestStatus status, Instant now) {
        moveTo(requestId, RequestStatus.RUNNING, status, "finished_at = :now, record_key = null, payload = null,", now);
    }

    private void insertTask(String requestId, PlannedTask task, java.sql.Timestamp at) {
        jdbc.sql("""
                insert into deletion_task (request_id, resource, position, status, run, attempts, outcome, items,
                    next_attempt_at, completed_at, updated_at)
                values (:r, :resource, :position, :status, 1, 0, :outcome, :items, :now, :completedAt, :now)
                """)
                .param("r", requestId).param("resource", task.resource()).param("position", task.position())
                .param("status", task.skipped() ? TaskStatus.COMPLETED.name() : TaskStatus.PENDING.name())
                .param("outcome", task.skipped() ? "SKIPPED" : null).param("items", task.skipped() ? 0L : null)
                .param("now", at).param("completedAt", task.skipped() ? at : null)
                .update();
    }

    private void moveTo(String requestId, RequestStatus from, RequestStatus to, String extraSet, Instant now) {
        if (!from.canMoveTo(to)) {
            throw new IllegalStateException("a request cannot move from " + from + " to " + to);
        }
        int changed = jdbc.sql("update deletion_request set status = :to, " + extraSet
                        + " updated_at = :now where request_id = :r and status = :from")
                .param("to", to.name()).param("from", from.name()).param("now", Timestamps.of(now)).param("r", requestId)
                .update();
        if (changed != 1) {
            throw new IllegalStateException("request " + requestId + " was not " + from + " when moving it to " + to);
        }
    }
}
