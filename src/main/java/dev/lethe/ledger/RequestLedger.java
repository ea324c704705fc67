package dev.lethe.ledger;

import dev.lethe.core.ComplianceProperties;
import dev.lethe.ledger.PlannedTask;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Writes to requests and their task rows: intake, planning and the end of a request. */
public class RequestLedger {

    // Every status this class writes, checked against the enums' tables when the class is initialised. The SQL embeds
    // them as literals generated from the enums.
    private static final StatusMove<RequestStatus> RECEIVE = StatusMove.start(RequestStatus.RECEIVED);
    private static final StatusMove<RequestStatus> RECEIVE_AGAIN = StatusMove.of(RequestStatus.FAILED, RequestStatus.RECEIVED);
    private static final StatusMove<RequestStatus> ACCEPT = StatusMove.of(RequestStatus.RECEIVED, RequestStatus.RUNNING);
    private static final StatusMove<RequestStatus> REJECT = StatusMove.of(RequestStatus.RECEIVED, RequestStatus.REJECTED);
    private static final StatusMove<RequestStatus> COMPLETE = StatusMove.of(RequestStatus.RUNNING, RequestStatus.COMPLETED);
    private static final StatusMove<RequestStatus> FAIL = StatusMove.of(RequestStatus.RUNNING, RequestStatus.FAILED);
    private static final StatusMove<TaskStatus> PLAN_TASK = StatusMove.start(TaskStatus.PENDING);
    private static final StatusMove<TaskStatus> PLAN_CLAIMED_TASK = StatusMove.start(TaskStatus.RUNNING);
    private static final StatusMove<TaskStatus> PLAN_SKIPPED_TASK = StatusMove.start(TaskStatus.COMPLETED);
    /**
     * A re-run resets every task that did not complete. When its request failed none is RUNNING (a request ends only
     * when nothing runs), but the statement has always covered every status but COMPLETED, and still does. (CANCELLED
     * tasks belong to cancelled requests, which are final and never run again.)
     */
    private static final StatusMove<TaskStatus> RERUN_TASK = StatusMove.of(
            EnumSet.complementOf(EnumSet.of(TaskStatus.COMPLETED, TaskStatus.CANCELLED)), TaskStatus.PENDING);

    // A re-sent failed request keeps its due date (it is due when it first was) and its overdue_at: the deadline and its
    // REQUEST_OVERDUE are once per request, however often it runs again.
    // One statement for the whole poll, the rows bound as arrays: what it changed comes back in RETURNING (a JDBC batch's
    // per-row counts are not kept when the driver rewrites batched inserts, see application.yml).
    private static final String UPSERT = """
            insert into deletion_request (request_id, subject_ref, plan_key, status, run, dry_run, record_key, payload,
                received_at, updated_at, origin, batch_id, execute_after, due_at)
            select r.request_id, r.subject_ref, r.plan_key, %s, 1, r.dry_run, r.record_key, r.payload, :at, :at, r.origin,
                r.batch_id, r.execute_after, r.due_at
            from unnest(:requestIds, :subjectRefs, :planKeys, :dryRuns, :recordKeys, :payloads, :origins, :batchIds,
                    :executeAfters, :dueAts)
                as r(request_id, subject_ref, plan_key, dry_run, record_key, payload, origin, batch_id, execute_after, due_at)
            on conflict (request_id) do update set %s, run = deletion_request.run + 1,
                dry_run = excluded.dry_run, record_key = excluded.record_key, payload = excluded.payload,
                received_at = excluded.received_at, started_at = null, finished_at = null, updated_at = excluded.updated_at,
                origin = excluded.origin, batch_id = excluded.batch_id, execute_after = excluded.execute_after,
                due_at = coalesce(deletion_request.due_at, excluded.due_at)
            where %s and deletion_request.subject_ref = excluded.subject_ref
              and (deletion_request.plan_key is null or deletion_request.plan_key = excluded.plan_key)
            returning request_id
            """.formatted(StatusSql.literal(RECEIVE.to()), RECEIVE_AGAIN.set("status"),
            RECEIVE_AGAIN.where("deletion_request.status"));

    // Embedded, not bound: the partial index deletion_request_received serves this claim only when its predicate is
    // provably the index's (see StatusSql).
    private static final String CLAIM_RECEIVED = """
            select request_id, subject_ref, run, dry_run, payload, batch_id, execute_after, due_at from deletion_request
            where status = %s order by received_at limit :limit for update skip locked
            """.formatted(StatusSql.literal(RequestStatus.RECEIVED));

    private static final String INSERT_TASK = """
            insert into deletion_task (request_id, resource, position, run, attempts, waiting_on, status, outcome, items,
                next_attempt_at, completed_at, updated_at, first_attempt_at, lease_owner, lease_expires_at, depends_on)
            values (?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """;

    private static final String RERUN_TASKS = """
            update deletion_task t set %s, run = :run, attempts = 0, last_error = null,
                next_attempt_at = :now, first_attempt_at = null, lease_owner = null, lease_expires_at = null, updated_at = :now,
                waiting_on = (select count(*) from deletion_task d
                              where d.request_id = t.request_id and d.resource = any(t.depends_on) and d.status <> %s)
            where t.request_id = :requestId and %s
            """.formatted(RERUN_TASK.set("status"), StatusSql.literal(TaskStatus.COMPLETED), RERUN_TASK.where("t.status"));

    private static final String UNFINISHED_RESOURCES = "select resource from deletion_task where request_id = :r and status <> "
            + StatusSql.literal(TaskStatus.COMPLETED) + " order by position";

    private static final String LOCK_RUNNING = "select * from deletion_request where request_id = any(:ids) and status = "
            + StatusSql.literal(RequestStatus.RUNNING) + " order by request_id for update";

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final ComplianceProperties compliance;

    /** @param compliance the deadline each request is given when it is first recorded */
    public RequestLedger(JdbcClient jdbc, JdbcTemplate jdbcTemplate, ComplianceProperties compliance) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.compliance = compliance;
    }

    /**
     * Makes requests durable in one transaction. A new id becomes RECEIVED; a FAILED one becomes RECEIVED again with
     * the next run number; any other known id is left alone (a duplicate, or a conflict when the subject differs).
     * The ids must be distinct.
     */
    @Transactional
    public Map<String, IntakeResult> recordAll(List<IncomingRequest> incoming, Instant now) {
        if (incoming.isEmpty()) {
            return Map.of();
        }
        Set<String> changed = new HashSet<>(jdbc.sql(UPSERT)
                .param("requestIds", Arrays.varchar(incoming.stream().map(IncomingRequest::requestId)))
                .param("subjectRefs", Arrays.varchar(incoming.stream().map(IncomingRequest::subjectRef)))
                .param("planKeys", Arrays.text(incoming.stream().map(IncomingRequest::planKey)))
                .param("dryRuns", Arrays.bool(incoming.stream().map(IncomingRequest::dryRun)))
                .param("recordKeys", Arrays.bytea(incoming.stream().map(IncomingRequest::recordKey)))
                .param("payloads", Arrays.bytea(incoming.stream().map(IncomingRequest::payload)))
                .param("origins", Arrays.varchar(incoming.stream().map(IncomingRequest::origin)))
                .param("batchIds", Arrays.varchar(incoming.stream().map(IncomingRequest::batchId)))
                .param("executeAfters", Arrays.timestamptz(incoming.stream().map(IncomingRequest::executeAfter)))
                .param("dueAts", Arrays.timestamptz(incoming.stream()
                        // PostgreSQL keeps microseconds and would round the rest, possibly up: a due date is never later.
                        .map(request -> compliance.dueAt(request.requestedAt(), now).truncatedTo(ChronoUnit.MICROS))))
                .param("at", Timestamps.of(now))
                .query(String.class).list());
        Map<String, IntakeResult> results = new LinkedHashMap<>();
        List<String> unchanged = new ArrayList<>();
        for (IncomingRequest request : incoming) {
            if (changed.contains(request.requestId())) {
                results.put(request.requestId(), IntakeResult.RECORDED);
            } else {
                unchanged.add(request.requestId());
            }
        }
        if (!unchanged.isEmpty()) {
            Map<String, Known> known = new HashMap<>();
            jdbc.sql("select request_id, subject_ref, plan_key, status from deletion_request where request_id = any(:ids)")
                    .param("ids", Arrays.varchar(unchanged.stream()))
                    .query((row, n) -> known.put(row.getString(1), new Known(row.getString(2), row.getString(3),
                            RequestStatus.valueOf(row.getString(4))))).list();
            for (IncomingRequest request : incoming) {
                if (!results.containsKey(request.requestId())) {
                    results.put(request.requestId(), known.get(request.requestId()).resultFor(request));
                }
            }
        }
        return results;
    }

    /** A request already in the ledger, as far as intake needs to know it. */
    private record Known(String subjectRef, String planKey, RequestStatus status) {

        /**
         * Another subject is a conflict. A failed request asked again for something else (a dry run re-sent as a
         * real run, another scope) is a conflict too: its completed tasks would not match. Anything else is a
         * duplicate of a request in progress or ended for good (final ids erase nothing more).
         */
        IntakeResult resultFor(IncomingRequest request) {
            if (!subjectRef.equals(request.subjectRef())) {
                return IntakeResult.CONFLICT;
            }
            boolean samePlan = planKey == null || planKey.equals(request.planKey());
            return status == RequestStatus.FAILED && !samePlan ? IntakeResult.CONFLICT : IntakeResult.DUPLICATE;
        }
    }

    /** Locks up to {@code limit} RECEIVED requests for planning; other workers skip them. */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<ReceivedRequest> claimReceived(int limit) {
        return jdbc.sql(CLAIM_RECEIVED).param("limit", limit).query(LedgerRows.RECEIVED).list();
    }

    /**
     * Accepts requests on their first run: a task per planned resource, its dependencies on its row, written as one
     * JDBC batch (one round trip for any number of requests). The tasks in {@code claimNow} (ready ones) are
     * written RUNNING under {@code lease}, their first attempt begun: the planning worker runs them at once.
     *
     * @param notBefore the requests whose tasks must not be due before a later time than now (a grace period); the
     *     caller never claims their tasks now
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void acceptFirstRuns(Map<String, List<PlannedTask>> plans, Map<String, Instant> notBefore, Instant now,
            Set<TaskKey> claimNow, TaskLease lease) {
        if (plans.isEmpty()) {
            return;
        }
        Timestamp at = Timestamps.of(now);
        List<Object[]> tasks = new ArrayList<>();
        plans.forEach((requestId, planned) -> {
            Set<String> skipped = PlannedTask.skippedOf(planned);
            Timestamp due = notBefore.containsKey(requestId) ? Timestamps.of(notBefore.get(requestId)) : at;
            for (PlannedTask task : planned) {
                int waitingOn = task.waitingOn(skipped);
                boolean claimed = claimNow.contains(new TaskKey(requestId, task.resource()));
                StatusMove<TaskStatus> move = task.skipped() ? PLAN_SKIPPED_TASK : claimed ? PLAN_CLAIMED_TASK : PLAN_TASK;
                tasks.add(new Object[] {requestId, task.resource(), task.position(), claimed ? 1 : 0, waitingOn,
                        move.to().name(), task.skipped() ? "SKIPPED" : null, task.skipped() ? 0L : null, due,
                        task.skipped() ? at : null, at, claimed ? at : null, claimed ? lease.owner() : null,
                        claimed ? Timestamps.of(lease.until()) : null, Arrays.varchar(task.dependsOn().stream())});
            }
        });
        jdbcTemplate.batchUpdate(INSERT_TASK, tasks, new int[] {Types.VARCHAR, Types.VARCHAR, Types.INTEGER, Types.INTEGER,
                Types.INTEGER, Types.VARCHAR, Types.VARCHAR, Types.BIGINT, Types.TIMESTAMP, Types.TIMESTAMP, Types.TIMESTAMP,
                Types.TIMESTAMP, Types.VARCHAR, Types.TIMESTAMP, Types.ARRAY});
        moveAll(plans.keySet(), ACCEPT, "started_at = :now,", now);
    }

    /**
     * Accepts a replayed failed request: its tasks that did not complete become PENDING again, due at once (a grace
     * period is for a first run, which can still be cancelled; a re-run cannot).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void acceptRerun(String requestId, int run, Instant now) {
        jdbc.sql(RERUN_TASKS).param("run", run).param("now", Timestamps.of(now)).param("requestId", requestId).update();
        moveAll(List.of(requestId), ACCEPT, "started_at = :now, execute_after = null,", now);
    }

    /** Names of the tasks a re-run has to do: those that did not complete in earlier runs, in plan order. */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<String> unfinishedResources(String requestId) {
        return jdbc.sql(UNFINISHED_RESOURCES).param("r", requestId).query(String.class).list();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void rejectAll(Collection<String> requestIds, Instant now) {
        moveAll(requestIds, REJECT, "finished_at = :now, record_key = null, payload = null,", now);
    }

    /**
     * Locks the RUNNING requests among these ids, in id order (so concurrent workers cannot deadlock), so that only
     * one transaction at a time decides whether a request has ended.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<LedgerRequest> lockRunning(Collection<String> requestIds) {
        return jdbc.sql(LOCK_RUNNING)
                .param("ids", Arrays.varchar(requestIds.stream())).query(LedgerRows.REQUEST).list();
    }

    /**
     * Ends running requests, COMPLETED or FAILED, and erases their records as received: what remains is the subjectRef
     * and the outcomes.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void finishAll(Collection<String> requestIds, RequestStatus status, Instant now) {
        StatusMove<RequestStatus> move = switch (status) {
            case COMPLETED -> COMPLETE;
            case FAILED -> FAIL;
            default -> throw new IllegalArgumentException("a request cannot end " + status);
        };
        moveAll(requestIds, move, "finished_at = :now, record_key = null, payload = null,", now);
    }

    private void moveAll(Collection<String> requestIds, StatusMove<RequestStatus> move, String extraSet, Instant now) {
        if (requestIds.isEmpty()) {
            return;
        }
        int changed = jdbc.sql("update deletion_request set " + move.set("status") + ", " + extraSet
                        + " updated_at = :now where request_id = any(:ids) and " + move.whereByKey("status"))
                .param("now", Timestamps.of(now)).param("ids", Arrays.varchar(requestIds.stream()))
                .update();
        if (changed != requestIds.size()) {
            throw new IllegalStateException(changed + " of " + requestIds.size() + " requests were " + move.from()
                    + " when moving them to " + move.to());
        }
    }
}
