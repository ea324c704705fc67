package dev.lethe.cli;

import dev.lethe.cli.StatusViews.BatchView;
import dev.lethe.cli.StatusViews.FailedRequest;
import dev.lethe.cli.StatusViews.FailedTask;
import dev.lethe.cli.StatusViews.OutcomeCount;
import dev.lethe.cli.StatusViews.RequestView;
import dev.lethe.cli.StatusViews.SubjectRequest;
import dev.lethe.cli.StatusViews.SubjectView;
import dev.lethe.cli.StatusViews.TaskView;
import dev.lethe.ledger.RequestStatus;
import dev.lethe.ledger.TaskStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The ledger's requests and tasks as {@code lethe status} shows them. Only reads: the caller's connection is
 * read-only, and one transaction gives every query of a look-up the same snapshot.
 */
final class LedgerLookup {

    private static final String REQUEST = """
            select request_id, subject_ref, batch_id, status, run, dry_run, received_at, started_at, finished_at,
                execute_after, due_at, overdue_at
            from deletion_request where request_id = ?""";

    private static final String TASKS = """
            select t.resource, t.status, t.run, t.attempts, t.outcome, t.items, t.last_error, t.next_attempt_at,
                t.completed_at, t.depends_on
            from deletion_task t where t.request_id = ? order by t.position""";

    private static final String BATCH_REQUESTS = """
            select status, count(*) from deletion_request where batch_id = ? group by status""";

    private static final String BATCH_TASKS = """
            select t.status, t.outcome, count(*), coalesce(sum(t.items), 0)
            from deletion_task t join deletion_request r on r.request_id = t.request_id
            where r.batch_id = ? group by t.status, t.outcome order by t.status, t.outcome""";

    // What did not complete in the batch's failed requests: FAILED tasks failed, the rest were held back by them.
    private static final String BATCH_FAILURES = """
            select r.request_id, r.subject_ref, r.run, t.resource, t.status, t.attempts, t.last_error
            from deletion_request r join deletion_task t on t.request_id = r.request_id
            where r.batch_id = ? and r.status = ? and t.status <> ?
            order by r.request_id, t.position""";

    // No index on subject_ref: a look-up by subject scans the request table, which a command run by hand can afford
    // and the worker's inserts are spared.
    private static final String SUBJECT_REQUESTS = """
            select request_id, status, run, dry_run, batch_id, received_at, finished_at
            from deletion_request where subject_ref = ? order by received_at, request_id""";

    private final Connection connection;

    LedgerLookup(Connection connection) {
        this.connection = connection;
    }

    Optional<RequestView> request(String requestId) throws SQLException {
        List<RequestView> found = query(REQUEST, List.of(requestId), rs -> new RequestView(rs.getString("request_id"),
                rs.getString("subject_ref"), rs.getString("batch_id"), RequestStatus.valueOf(rs.getString("status")),
                rs.getInt("run"), rs.getBoolean("dry_run"), instant(rs, "received_at"), instant(rs, "started_at"),
                instant(rs, "finished_at"), instant(rs, "execute_after"), instant(rs, "due_at"), instant(rs, "overdue_at"),
                List.of()));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(found.get(0).withTasks(tasksOf(requestId)));
    }

    private List<TaskView> tasksOf(String requestId) throws SQLException {
        List<TaskView> rows = query(TASKS, List.of(requestId), rs -> new TaskView(rs.getString("resource"),
                TaskStatus.valueOf(rs.getString("status")), rs.getInt("run"), rs.getInt("attempts"),
                rs.getString("outcome"), nullableLong(rs, "items"), rs.getString("last_error"),
                instant(rs, "next_attempt_at"), instant(rs, "completed_at"),
                List.of((String[]) rs.getArray("depends_on").getArray()), List.of()));
        Set<String> completed = rows.stream().filter(task -> task.status() == TaskStatus.COMPLETED)
                .map(TaskView::resource).collect(Collectors.toSet());
        return rows.stream().map(task -> withWaits(task, completed)).toList();
    }

    /**
     * A task waits for its dependencies that have not completed; only a PENDING task waiting for none has a next attempt.
     * A cancelled task waits for nothing: it never runs.
     */
    private static TaskView withWaits(TaskView task, Set<String> completed) {
        List<String> waitingFor = task.status() == TaskStatus.COMPLETED || task.status() == TaskStatus.CANCELLED ? List.of()
                : task.dependsOn().stream().filter(dependency -> !completed.contains(dependency)).toList();
        Instant next = task.status() == TaskStatus.PENDING && waitingFor.isEmpty() ? task.nextAttemptAt() : null;
        return new TaskView(task.resource(), task.status(), task.run(), task.attempts(), task.outcome(), task.items(),
                task.lastError(), next, task.completedAt(), task.dependsOn(), waitingFor);
    }

    Optional<BatchView> batch(String batchId) throws SQLException {
        Map<RequestStatus, Integer> requests = new EnumMap<>(RequestStatus.class);
        for (RequestStatus status : RequestStatus.values()) {
            requests.put(status, 0);
        }
        query(BATCH_REQUESTS, List.of(batchId), rs -> requests.put(RequestStatus.valueOf(rs.getString(1)), rs.getInt(2)));
        int total = requests.values().stream().mapToInt(Integer::intValue).sum();
        if (total == 0) {
            return Optional.empty();
        }
        Map<TaskStatus, Integer> tasks = new EnumMap<>(TaskStatus.class);
        for (TaskStatus status : TaskStatus.values()) {
            tasks.put(status, 0);
        }
        Map<String, OutcomeCount> outcomes = new LinkedHashMap<>();
        query(BATCH_TASKS, List.of(batchId), rs -> {
            TaskStatus status = TaskStatus.valueOf(rs.getString(1));
            tasks.merge(status, rs.getInt(3), Integer::sum);
            if (status == TaskStatus.COMPLETED && rs.getString(2) != null) {
                outcomes.put(rs.getString(2), new OutcomeCount(rs.getInt(3), rs.getLong(4)));
            }
            return null;
        });
        long items = outcomes.values().stream().mapToLong(OutcomeCount::items).sum();
        return Optional.of(new BatchView(batchId, total, requests, tasks, outcomes, items, failedRequests(batchId)));
    }

    private List<FailedRequest> failedRequests(String batchId) throws SQLException {
        Map<String, FailedRequest> failed = new LinkedHashMap<>();
        query(BATCH_FAILURES, List.of(batchId, RequestStatus.FAILED.name(), TaskStatus.COMPLETED.name()), rs -> {
            String subjectRef = rs.getString("subject_ref");
            int run = rs.getInt("run");
            FailedRequest request = failed.computeIfAbsent(rs.getString("request_id"),
                    id -> new FailedRequest(id, subjectRef, run, new ArrayList<>(), new ArrayList<>()));
            if (TaskStatus.valueOf(rs.getString("status")) == TaskStatus.FAILED) {
                request.failedResources().add(new FailedTask(rs.getString("resource"), rs.getInt("attempts"),
                        rs.getString("last_error")));
            } else {
                request.notRunResources().add(rs.getString("resource"));
            }
            return null;
        });
        return List.copyOf(failed.values());
    }

    Optional<SubjectView> subject(String subjectRef) throws SQLException {
        List<SubjectRequest> requests = query(SUBJECT_REQUESTS, List.of(subjectRef), rs -> new SubjectRequest(
                rs.getString("request_id"), RequestStatus.valueOf(rs.getString("status")), rs.getInt("run"),
                rs.getBoolean("dry_run"), rs.getString("batch_id"), instant(rs, "received_at"),
                instant(rs, "finished_at")));
        return requests.isEmpty() ? Optional.empty() : Optional.of(new SubjectView(subjectRef, requests));
    }

    private interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> List<T> query(String sql, List<String> parameters, Row<T> row) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setString(i + 1, parameters.get(i));
            }
            List<T> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(row.read(rs));
                }
            }
            return rows;
        }
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
