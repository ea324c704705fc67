package dev.lethe.ledger;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Claims and outcomes of tasks. A claim is a lease: the task is RUNNING under the worker's name until the lease
 * expires, after which any worker may claim it again. A living worker renews the leases of everything it holds on a
 * heartbeat, so a lease expires only when its worker stopped renewing (killed, or cut off from the ledger), however
 * long a call runs.
 */
public class TaskLedger {

    // Every status this class writes, checked against TaskStatus's table when the class is initialised. The SQL embeds
    // them as literals generated from the enum; the claim and the lease release must, as their partial indexes
    // (deletion_task_ready, deletion_task_leased) serve them only for a predicate provably the index's (see StatusSql).
    private static final StatusMove<TaskStatus> CLAIM = StatusMove.of(TaskStatus.PENDING, TaskStatus.RUNNING);
    private static final StatusMove<TaskStatus> RELEASE_EXPIRED = StatusMove.of(TaskStatus.RUNNING, TaskStatus.PENDING);
    private static final StatusMove<TaskStatus> COMPLETE = StatusMove.of(TaskStatus.RUNNING, TaskStatus.COMPLETED);
    private static final StatusMove<TaskStatus> RESCHEDULE = StatusMove.of(TaskStatus.RUNNING, TaskStatus.PENDING);
    private static final StatusMove<TaskStatus> FAIL = StatusMove.of(TaskStatus.RUNNING, TaskStatus.FAILED);
    private static final StatusMove<TaskStatus> GIVE_BACK = StatusMove.of(TaskStatus.RUNNING, TaskStatus.PENDING);

    /**
     * Claims the tasks a {@code claimable} CTE selected (and locked): RUNNING under the worker's lease, their attempt
     * counted, returned with what running them needs. The claim loop and the claims of tasks made ready share it.
     * Only tasks of a RUNNING request are claimed: a cancelled request's tasks never start. (A cancel also moves its
     * tasks off PENDING under their row locks, which is what keeps a claim racing with it from starting one: see
     * {@link RequestCancellation}.)
     */
    private static String claim(String claimable) {
        return """
                with claimable as (%s)
                update deletion_task t set %s, attempts = t.attempts + 1, lease_owner = :owner,
                    lease_expires_at = :leaseUntil, first_attempt_at = coalesce(t.first_attempt_at, :now), updated_at = :now
                from claimable, deletion_request r
                where t.request_id = claimable.request_id and t.resource = claimable.resource and r.request_id = t.request_id
                  and (r.status || '') = %s
                returning t.request_id, t.resource, t.run, t.attempts, t.first_attempt_at, r.subject_ref, r.dry_run, r.payload,
                    r.batch_id, t.items
                """.formatted(claimable, CLAIM.set("status"), StatusSql.literal(RequestStatus.RUNNING));
    }

    private static final String CLAIM_DUE = claim("""
            select request_id, resource from deletion_task
            where %s and waiting_on = 0 and next_attempt_at <= :now
            order by next_attempt_at
            limit :limit
            for update skip locked""".formatted(CLAIM.where("status")));

    // The tasks a completion made ready, claimed in the same transaction (no lock wait: a task another worker is
    // claiming right now is skipped, and that worker runs it).
    private static final String CLAIM_READY = claim("""
            select t.request_id, t.resource from deletion_task t
            join unnest(:requestIds, :resources) as k(request_id, resource)
              on t.request_id = k.request_id and t.resource = k.resource
            where t.request_id = any(:requestIds) and %s and t.waiting_on = 0 and t.next_attempt_at <= :now
            for update of t skip locked""".formatted(CLAIM.whereByKey("t.status")));

    private static final String GIVE_BACK_CLAIMS = """
            update deletion_task t set %s, attempts = t.attempts - 1, lease_owner = null, lease_expires_at = null,
                first_attempt_at = case when t.attempts = 1 then null else t.first_attempt_at end, updated_at = :now
            from unnest(:requestIds, :resources) as k(request_id, resource)
            where t.request_id = any(:requestIds) and t.request_id = k.request_id and t.resource = k.resource
              and %s and t.lease_owner = :owner
            """.formatted(GIVE_BACK.set("status"), GIVE_BACK.whereByKey("t.status"));

    private static final String RELEASE_EXPIRED_LEASES = """
            update deletion_task set %s, lease_owner = null, lease_expires_at = null,
                next_attempt_at = :now, updated_at = :now
            where %s and lease_expires_at < :now
            """.formatted(RELEASE_EXPIRED.set("status"), RELEASE_EXPIRED.where("status"));

    // Arrays, not a VALUES list: the statement's text is the same for any batch, so it is planned once per connection.
    private static final String COMPLETE_ALL = """
            update deletion_task t set %s, outcome = v.outcome, items = v.items, attempts = v.attempts,
                completed_at = :now, last_error = null, lease_owner = null, lease_expires_at = null, updated_at = :now
            from unnest(:requestIds, :resources, :runs, :outcomes, :items, :attempts)
                as v(request_id, resource, run, outcome, items, attempts)
            where t.request_id = any(:requestIds) and t.request_id = v.request_id and t.resource = v.resource
              and t.run = v.run and %s and t.lease_owner = :owner
            returning t.request_id, t.resource
            """.formatted(COMPLETE.set("status"), COMPLETE.whereByKey("t.status"));

    // A pending or failed task's items are what its attempts erased before counting again found items written back
    // (verification): null until one did, added to by each such attempt, kept by a replay (the task erased them, in
    // whichever run), and part of the items it completes with.
    private static final String ADD_ERASED =
            "items = case when cast(:erased as bigint) = 0 then items else coalesce(items, 0) + cast(:erased as bigint) end";

    private static final String RESCHEDULE_ONE = """
            update deletion_task set %s, last_error = :error, next_attempt_at = :next,
                attempts = attempts + :extraCalls, lease_owner = null, lease_expires_at = null, updated_at = :now, %s
            where request_id = :r and resource = :resource and %s and lease_owner = :owner and run = :run
            """.formatted(RESCHEDULE.set("status"), ADD_ERASED, RESCHEDULE.whereByKey("status"));

    private static final String FAIL_ONE = """
            update deletion_task set %s, last_error = :error, attempts = attempts + :extraCalls, %s,
                completed_at = :now, lease_owner = null, lease_expires_at = null, updated_at = :now
            where request_id = :r and resource = :resource and %s and lease_owner = :owner and run = :run
            """.formatted(FAIL.set("status"), ADD_ERASED, FAIL.whereByKey("status"));

    private static final String RENEW_LEASES = """
            update deletion_task t set lease_expires_at = :leaseUntil
            from unnest(:requestIds, :resources) as k(request_id, resource)
            where t.request_id = any(:requestIds) and t.request_id = k.request_id and t.resource = k.resource
              and (t.status || '') = %s and t.lease_owner = :owner and t.lease_expires_at < :leaseUntil
            """.formatted(StatusSql.literal(TaskStatus.RUNNING));

    private final JdbcClient jdbc;

    public TaskLedger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Claims up to {@code limit} tasks that are due and whose dependencies all completed, oldest first. */
    @Transactional
    public List<ClaimedTask> claimDue(String owner, int limit, Instant now, Instant leaseUntil) {
        return jdbc.sql(CLAIM_DUE)
                .param("now", ts(now)).param("limit", limit).param("owner", owner).param("leaseUntil", ts(leaseUntil))
                .query(LedgerRows.CLAIMED_TASK).list();
    }

    /**
     * Extends the leases of these tasks, where this worker still holds them, to {@code leaseUntil}. Returns how many.
     */
    @Transactional
    public int renewLeases(List<TaskKey> tasks, String owner, Instant leaseUntil) {
        if (tasks.isEmpty()) {
            return 0;
        }
        return jdbc.sql(RENEW_LEASES)
                .param("requestIds", Arrays.varchar(tasks.stream().map(TaskKey::requestId)))
                .param("resources", Arrays.varchar(tasks.stream().map(TaskKey::resource)))
                .param("owner", owner).param("leaseUntil", ts(leaseUntil)).update();
    }

    /**
     * Makes tasks whose lease expired (their worker died or hung) PENDING again, due now. Returns how many.
     * The attempt they were on stays counted.
     */
    @Transactional
    public int releaseExpiredLeases(Instant now) {
        return jdbc.sql(RELEASE_EXPIRED_LEASES).param("now", ts(now)).update();
    }

    /**
     * What recording completions did: the tasks actually recorded (those whose lease this worker still held; another
     * worker's result stands for the rest) and the tasks of theirs that have nothing left to wait for.
     */
    public record Completions(List<TaskKey> recorded, List<TaskKey> nowReady) {
    }

    /** Records completed tasks in one statement and lets the tasks that depend on them count down. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Completions completeAll(List<TaskCompletion> completions, String owner, Instant now) {
        if (completions.isEmpty()) {
            return new Completions(List.of(), List.of());
        }
        List<TaskKey> recorded = jdbc.sql(COMPLETE_ALL)
                .param("requestIds", Arrays.varchar(completions.stream().map(TaskCompletion::requestId)))
                .param("resources", Arrays.varchar(completions.stream().map(TaskCompletion::resource)))
                .param("runs", Arrays.integer(completions.stream().map(TaskCompletion::run)))
                .param("outcomes", Arrays.varchar(completions.stream().map(TaskCompletion::outcome)))
                .param("items", Arrays.bigint(completions.stream().map(TaskCompletion::items)))
                .param("attempts", Arrays.integer(completions.stream().map(TaskCompletion::attempts)))
                .param("now", ts(now)).param("owner", owner)
                .query(LedgerRows.TASK_KEY).list();
        return new Completions(recorded, recorded.isEmpty() ? List.of() : countDownDependents(recorded));
    }

    /** Returns the dependents that no longer wait for anything. */
    private List<TaskKey> countDownDependents(List<TaskKey> completed) {
        return jdbc.sql("""
                update deletion_task t set waiting_on = t.waiting_on - c.done
                from (select d.request_id, d.resource, count(*) as done
                      from deletion_task d
                      join unnest(:requestIds, :resources) as k(request_id, resource)
                        on d.request_id = k.request_id and k.resource = any(d.depends_on)
                      where d.request_id = any(:requestIds)
                      group by d.request_id, d.resource) c
                where t.request_id = c.request_id and t.resource = c.resource
                returning t.request_id, t.resource, t.waiting_on
                """)
                .param("requestIds", Arrays.varchar(completed.stream().map(TaskKey::requestId)))
                .param("resources", Arrays.varchar(completed.stream().map(TaskKey::resource)))
                .query((rs, row) -> rs.getInt("waiting_on") == 0 ? LedgerRows.TASK_KEY.mapRow(rs, row) : null).list()
                .stream().filter(Objects::nonNull).toList();
    }

    /** Claims these tasks if they are due and ready, in the caller's transaction (see {@link TaskHandoff}). */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<ClaimedTask> claimReady(List<TaskKey> tasks, TaskLease lease, Instant now) {
        if (tasks.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(CLAIM_READY)
                .param("requestIds", Arrays.varchar(tasks.stream().map(TaskKey::requestId)))
                .param("resources", Arrays.varchar(tasks.stream().map(TaskKey::resource)))
                .param("now", ts(now)).param("owner", lease.owner()).param("leaseUntil", ts(lease.until()))
                .query(LedgerRows.CLAIMED_TASK).list();
    }

    /**
     * Gives claimed tasks back unstarted (the runner stopped before it could run them): PENDING again, the attempt
     * their claim counted taken back, so they are not left RUNNING until their lease expires.
     */
    @Transactional
    public int giveBack(List<ClaimedTask> tasks, String owner, Instant now) {
        return jdbc.sql(GIVE_BACK_CLAIMS)
                .param("requestIds", Arrays.varchar(tasks.stream().map(ClaimedTask::requestId)))
                .param("resources", Arrays.varchar(tasks.stream().map(ClaimedTask::resource)))
                .param("now", ts(now)).param("owner", owner)
                .update();
    }

    /**
     * Gives a task back to wait until {@code nextAttemptAt} (a transient failure with budget left, or a breaker), with
     * the items this attempt {@code erased} before counting again found some left (0 for a failed call). A worker that
     * lost the lease changes nothing.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void reschedule(ClaimedTask task, String owner, String error, int extraCalls, Instant nextAttemptAt, Instant now,
            long erased) {
        jdbc.sql(RESCHEDULE_ONE)
                .param("error", error).param("next", ts(nextAttemptAt)).param("extraCalls", extraCalls).param("now", ts(now))
                .param("erased", erased)
                .param("r", task.requestId()).param("resource", task.resource()).param("owner", owner).param("run", task.run())
                .update();
    }

    /**
     * Records a failed task, with the items its last attempt {@code erased} before counting again found some left (0
     * otherwise); false when the lease was lost to another worker.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean fail(ClaimedTask task, String owner, String error, int extraCalls, Instant now, long erased) {
        return jdbc.sql(FAIL_ONE)
                .param("error", error).param("extraCalls", extraCalls).param("now", ts(now)).param("erased", erased)
                .param("r", task.requestId()).param("resource", task.resource()).param("owner", owner).param("run", task.run())
                .update() == 1;
    }

    private static final String ENDED_AMONG = """
            select r.request_id from unnest(:ids) as r(request_id)
            where not exists (select 1 from deletion_task t where t.request_id = r.request_id and %s)
            """.formatted(RequestProgress.ACTIVE_TASK_SQL.formatted("t"));

    /**
     * Those of these requests that have ended by {@link RequestProgress}'s rule, without reading their tasks: most
     * requests a round of results touches are still running, and their task rows need not be read at all.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<String> endedAmong(Collection<String> requestIds) {
        if (requestIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(ENDED_AMONG).param("ids", Arrays.varchar(requestIds.stream())).query(String.class).list();
    }

    /** The tasks of some requests, each request's in plan order. */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<LedgerTask> tasksOf(Collection<String> requestIds) {
        return jdbc.sql("select * from deletion_task where request_id = any(:ids) order by request_id, position")
                .param("ids", Arrays.varchar(requestIds.stream())).query(LedgerRows.TASK).list();
    }

    private static Timestamp ts(Instant instant) {
        return Timestamps.of(instant);
    }
}
