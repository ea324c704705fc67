package dev.lethe.ledger;

import dev.lethe.ledger.PlannedTask;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Writes to requests and their task rows: intake, planning and the end of a request. */
public class RequestLedger {

    private static final String UPSERT = """
            insert into deletion_request (request_id, subject_ref, plan_key, status, run, dry_run, record_key, payload,
                received_at, updated_at, origin)
            values (?, ?, ?, 'RECEIVED', 1, ?, ?, ?, ?, ?, ?)
            on conflict (request_id) do update set status = 'RECEIVED', run = deletion_request.run + 1,
                dry_run = excluded.dry_run, record_key = excluded.record_key, payload = excluded.payload,
                received_at = excluded.received_at, started_at = null, finished_at = null, updated_at = excluded.updated_at,
                origin = excluded.origin
            where deletion_request.status = 'FAILED' and deletion_request.subject_ref = excluded.subject_ref
              and (deletion_request.plan_key is null or deletion_request.plan_key = excluded.plan_key)
            """;

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;

    public RequestLedger(JdbcClient jdbc, JdbcTemplate jdbcTemplate) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
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
        Timestamp at = Timestamps.of(now);
        int[] changed = jdbcTemplate.batchUpdate(UPSERT, incoming, incoming.size(), (statement, request) -> {
            statement.setString(1, request.requestId());
            statement.setString(2, request.subjectRef());
            statement.setString(3, request.planKey());
            statement.setBoolean(4, request.dryRun());
            statement.setBytes(5, request.recordKey());
            statement.setBytes(6, request.payload());
            statement.setTimestamp(7, at);
            statement.setTimestamp(8, at);
            statement.setString(9, request.origin());
        })[0];
        Map<String, IntakeResult> results = new LinkedHashMap<>();
        List<String> unchanged = new ArrayList<>();
        for (int i = 0; i < incoming.size(); i++) {
            if (changed[i] == 1) {
                results.put(incoming.get(i).requestId(), IntakeResult.RECORDED);
            } else {
                unchanged.add(incoming.get(i).requestId());
            }
        }
        if (!unchanged.isEmpty()) {
            Map<String, Known> known = new HashMap<>();
            jdbc.sql("select request_id, subject_ref, plan_key, status from deletion_request where request_id in (:ids)")
                    .param("ids", unchanged)
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
        return jdbc.sql("""
                select request_id, subject_ref, run, dry_run, payload from deletion_request
                where status = 'RECEIVED' order by received_at limit :limit for update skip locked
                """).param("limit", limit).query(ReceivedRequest.class).list();
    }

    /**
     * Accepts requests on their first run: a task per planned resource, with its dependencies, written as JDBC
     * batches (one round trip each for any number of requests).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void acceptFirstRuns(Map<String, List<PlannedTask>> plans, Instant now) {
        if (plans.isEmpty()) {
            return;
        }
        Timestamp at = Timestamps.of(now);
        List<Object[]> tasks = new ArrayList<>();
        List<Object[]> dependencies = new ArrayList<>();
        plans.forEach((requestId, planned) -> {
            Set<String> skipped = planned.stream().filter(PlannedTask::skipped).map(PlannedTask::resource).collect(Collectors.toSet());
            for (PlannedTask task : planned) {
                int waitingOn = (int) task.dependsOn().stream().filter(dependency -> !skipped.contains(dependency)).count();
                tasks.add(new Object[] {requestId, task.resource(), task.position(), waitingOn,
                        task.skipped() ? TaskStatus.COMPLETED.name() : TaskStatus.PENDING.name(),
                        task.skipped() ? "SKIPPED" : null, task.skipped() ? 0L : null, at, task.skipped() ? at : null, at});
                task.dependsOn().forEach(dependency -> dependencies.add(new Object[] {requestId, task.resource(), dependency}));
            }
        });
        jdbcTemplate.batchUpdate("""
                insert into deletion_task (request_id, resource, position, run, attempts, waiting_on, status, outcome, items,
                    next_attempt_at, completed_at, updated_at)
                values (?, ?, ?, 1, 0, ?, ?, ?, ?, ?, ?, ?)
                """, tasks, new int[] {Types.VARCHAR, Types.VARCHAR, Types.INTEGER, Types.INTEGER, Types.VARCHAR,
                Types.VARCHAR, Types.BIGINT, Types.TIMESTAMP, Types.TIMESTAMP, Types.TIMESTAMP});
        if (!dependencies.isEmpty()) {
            jdbcTemplate.batchUpdate("insert into deletion_task_dependency (request_id, resource, depends_on) values (?, ?, ?)",
                    dependencies);
        }
        moveAll(plans.keySet(), RequestStatus.RECEIVED, RequestStatus.RUNNING, "started_at = :now,", now);
    }

    /** Accepts a replayed failed request: its tasks that did not complete become PENDING again. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void acceptRerun(String requestId, int run, Instant now) {
        jdbc.sql("""
                update deletion_task t set status = 'PENDING', run = :run, attempts = 0, last_error = null,
                    next_attempt_at = :now, first_attempt_at = null, lease_owner = null, lease_expires_at = null, updated_at = :now,
                    waiting_on = (select count(*) from deletion_task_dependency dep
                                  join deletion_task d on d.request_id = dep.request_id and d.resource = dep.depends_on
                                  where dep.request_id = t.request_id and dep.resource = t.resource and d.status <> 'COMPLETED')
                where t.request_id = :requestId and t.status <> 'COMPLETED'
                """).param("run", run).param("now", Timestamps.of(now)).param("requestId", requestId).update();
        moveAll(List.of(requestId), RequestStatus.RECEIVED, RequestStatus.RUNNING, "started_at = :now,", now);
    }

    /** Names of the tasks a re-run has to do: those that did not complete in earlier runs, in plan order. */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<String> unfinishedResources(String requestId) {
        return jdbc.sql("select resource from deletion_task where request_id = :r and status <> 'COMPLETED' order by position")
                .param("r", requestId).query(String.class).list();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void rejectAll(Collection<String> requestIds, Instant now) {
        moveAll(requestIds, RequestStatus.RECEIVED, RequestStatus.REJECTED, "finished_at = :now, record_key = null, payload = null,", now);
    }

    /**
     * Locks the RUNNING requests among these ids, in id order (so concurrent workers cannot deadlock), so that only
     * one transaction at a time decides whether a request has ended.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<LedgerRequest> lockRunning(Collection<String> requestIds) {
        return jdbc.sql("select * from deletion_request where request_id in (:ids) and status = 'RUNNING' order by request_id for update")
                .param("ids", requestIds).query(LedgerRequest.class).list();
    }

    /** Ends running requests and erases their records as received: what remains is the subjectRef and the outcomes. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void finishAll(Collection<String> requestIds, RequestStatus status, Instant now) {
        moveAll(requestIds, RequestStatus.RUNNING, status, "finished_at = :now, record_key = null, payload = null,", now);
    }

    private void moveAll(Collection<String> requestIds, RequestStatus from, RequestStatus to, String extraSet, Instant now) {
        if (requestIds.isEmpty()) {
            return;
        }
        if (!from.canMoveTo(to)) {
            throw new IllegalStateException("a request cannot move from " + from + " to " + to);
        }
        int changed = jdbc.sql("update deletion_request set status = :to, " + extraSet
                        + " updated_at = :now where request_id in (:ids) and status = :from")
                .param("to", to.name()).param("from", from.name()).param("now", Timestamps.of(now)).param("ids", requestIds)
                .update();
        if (changed != requestIds.size()) {
            throw new IllegalStateException(changed + " of " + requestIds.size() + " requests were " + from
                    + " when moving them to " + to);
        }
    }
}
