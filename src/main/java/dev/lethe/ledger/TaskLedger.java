package dev.lethe.ledger;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Claims and outcomes of tasks. A claim is a lease: the task is RUNNING under the worker's name until the lease
 * expires, after which any worker may claim it again (the first worker crashed or hung).
 */
public class TaskLedger {

    private final JdbcClient jdbc;

    public TaskLedger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Claims up to {@code limit} tasks that are due and whose dependencies all completed. */
    @Transactional
    public List<ClaimedTask> claimDue(String owner, int limit, Instant now, Instant leaseUntil) {
        return jdbc.sql("""
                with due as (
                    select t.request_id, t.resource from deletion_task t
                    where ((t.status = 'PENDING' and t.next_attempt_at <= :now)
                           or (t.status = 'RUNNING' and t.lease_expires_at < :now))
                      and not exists (
                          select 1 from deletion_task_dependency dep
                          join deletion_task d on d.request_id = dep.request_id and d.resource = dep.depends_on
                          where dep.request_id = t.request_id and dep.resource = t.resource and d.status <> 'COMPLETED')
                    order by t.next_attempt_at
                    limit :limit
                    for update of t skip locked)
                update deletion_task t set status = 'RUNNING', attempts = t.attempts + 1, lease_owner = :owner,
                    lease_expires_at = :leaseUntil, first_attempt_at = coalesce(t.first_attempt_at, :now), updated_at = :now
                from due, deletion_request r
                where t.request_id = due.request_id and t.resource = due.resource and r.request_id = t.request_id
                returning t.request_id, t.resource, t.run, t.attempts, t.first_attempt_at, r.subject_ref, r.dry_run, r.payload
                """)
                .param("now", ts(now)).param("limit", limit).param("owner", owner).param("leaseUntil", ts(leaseUntil))
                .query(ClaimedTask.class).list();
    }

    /** Records a completed task; false when the lease was lost to another worker (then nothing is written). */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean complete(ClaimedTask task, String owner, String outcome, long items, int extraCalls, Instant now) {
        return jdbc.sql("""
                update deletion_task set status = 'COMPLETED', outcome = :outcome, items = :items,
                    attempts = attempts + :extraCalls, completed_at = :now, last_error = null,
                    lease_owner = null, lease_expires_at = null, updated_at = :now
                where request_id = :r and resource = :resource and status = 'RUNNING' and lease_owner = :owner and run = :run
                """)
                .param("outcome", outcome).param("items", items).param("extraCalls", extraCalls).param("now", ts(now))
                .param("r", task.requestId()).param("resource", task.resource()).param("owner", owner).param("run", task.run())
                .update() == 1;
    }

    /** Gives a task back to wait until {@code nextAttemptAt} (a transient failure with budget left). */
    @Transactional
    public boolean reschedule(ClaimedTask task, String owner, String error, int extraCalls, Instant nextAttemptAt, Instant now) {
        return jdbc.sql("""
                update deletion_task set status = 'PENDING', last_error = :error, next_attempt_at = :next,
                    attempts = attempts + :extraCalls, lease_owner = null, lease_expires_at = null, updated_at = :now
                where request_id = :r and resource = :resource and status = 'RUNNING' and lease_owner = :owner and run = :run
                """)
                .param("error", error).param("next", ts(nextAttemptAt)).param("extraCalls", extraCalls).param("now", ts(now))
                .param("r", task.requestId()).param("resource", task.resource()).param("owner", owner).param("run", task.run())
                .update() == 1;
    }

    /** Records a failed task; false when the lease was lost to another worker. */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean fail(ClaimedTask task, String owner, String error, int extraCalls, Instant now) {
        return jdbc.sql("""
                update deletion_task set status = 'FAILED', last_error = :error, attempts = attempts + :extraCalls,
                    completed_at = :now, lease_owner = null, lease_expires_at = null, updated_at = :now
                where request_id = :r and resource = :resource and status = 'RUNNING' and lease_owner = :owner and run = :run
                """)
                .param("error", error).param("extraCalls", extraCalls).param("now", ts(now))
                .param("r", task.requestId()).param("resource", task.resource()).param("owner", owner).param("run", task.run())
                .update() == 1;
    }

    /** The tasks of a request in plan order. */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<LedgerTask> tasksOf(String requestId) {
        return jdbc.sql("select * from deletion_task where request_id = :r order by position")
                .param("r", requestId).query(LedgerTask.class).list();
    }

    /** For each task of a request, the tasks it waits for. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Map<String, Set<String>> dependenciesOf(String requestId) {
        return jdbc.sql("select resource, depends_on from deletion_task_dependency where request_id = :r")
                .param("r", requestId)
                .query((row, n) -> Map.entry(row.getString(1), row.getString(2))).list().stream()
                .collect(Collectors.groupingBy(Map.Entry::getKey,
                        Collectors.mapping(Map.Entry::getValue, Collectors.toSet())));
    }

    private static Timestamp ts(Instant instant) {
        return Timestamps.of(instant);
    }
}
