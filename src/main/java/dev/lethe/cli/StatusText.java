package dev.lethe.cli;

import dev.lethe.cli.StatusViews.BatchView;
import dev.lethe.cli.StatusViews.FailedRequest;
import dev.lethe.cli.StatusViews.RequestView;
import dev.lethe.cli.StatusViews.SubjectRequest;
import dev.lethe.cli.StatusViews.SubjectView;
import dev.lethe.cli.StatusViews.TaskView;
import dev.lethe.ledger.RequestStatus;
import dev.lethe.ledger.TaskStatus;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** {@code lethe status} for a person at a terminal. SubjectRefs are shortened; {@code --json} has them whole. */
final class StatusText {

    /** Failed requests listed for a batch; {@code --json} lists them all. */
    static final int FAILED_SHOWN = 20;

    private static final int REF_SHOWN = 12;

    private final PrintWriter out;

    StatusText(PrintWriter out) {
        this.out = out;
    }

    void request(RequestView request) {
        out.println("Request " + TextTable.printable(request.requestId()) + ": " + request.status() + ", run " + request.run());
        field("subject", shortRef(request.subjectRef()));
        field("batch", request.batchId() == null ? "-" : TextTable.printable(request.batchId()));
        field("dry run", request.dryRun() ? "yes" : "no");
        field("received", time(request.receivedAt()));
        field("started", time(request.startedAt()));
        field("finished", time(request.finishedAt()));
        if (request.executeAfter() != null) {
            field("runs from", time(request.executeAfter()) + " (executeAfter: no task runs before it)");
        }
        if (request.dueAt() != null) {
            field("due", time(request.dueAt()) + (request.overdueAt() == null ? ""
                    : " (OVERDUE: still open at " + time(request.overdueAt()) + ")"));
        }
        if (request.tasks().isEmpty()) {
            field("plan", switch (request.status()) {
                case REJECTED -> "none: rejected (the reason is in its REQUEST_REJECTED audit event)";
                case CANCELLED -> "none: cancelled before it was planned";
                default -> "not planned yet";
            });
            return;
        }
        field("plan", count(request.tasks().size(), "resource") + ", in the order they may run");
        TextTable table = new TextTable("RESOURCE", "STATUS", "#ATTEMPTS", "OUTCOME", "#ITEMS", "DETAIL");
        for (TaskView task : request.tasks()) {
            table.row(task.resource(), task.status(), task.attempts(), task.outcome(), task.items(),
                    detail(task, request.status()));
        }
        table.print(out, "    ");
    }

    private static String detail(TaskView task, RequestStatus requestStatus) {
        List<String> parts = new ArrayList<>();
        if (!task.waitingFor().isEmpty()) {
            parts.add((requestStatus == RequestStatus.FAILED ? "not run: held back by " : "waits for ")
                    + String.join(", ", task.waitingFor()));
        }
        if (task.nextAttemptAt() != null && requestStatus != RequestStatus.FAILED) {
            parts.add("next attempt " + time(task.nextAttemptAt()));
        }
        if (task.lastError() != null) {
            parts.add((task.status() == TaskStatus.FAILED ? "error: " : "last error: ") + task.lastError());
        }
        return parts.isEmpty() ? "" : String.join("; ", parts);
    }

    void batch(BatchView batch) {
        out.println("Batch " + TextTable.printable(batch.batchId()) + ": " + count(batch.requests(), "request"));
        field("requests", counts(batch.requestsByStatus()));
        field("tasks", counts(batch.tasksByStatus()));
        field("outcomes", batch.outcomes().isEmpty() ? "-" : batch.outcomes().entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue().tasks() + " (" + e.getValue().items() + " items)")
                .collect(Collectors.joining(", ")));
        field("items", Long.toString(batch.items()));
        if (batch.failedRequests().isEmpty()) {
            return;
        }
        field("failed", count(batch.failedRequests().size(), "request"));
        TextTable table = new TextTable("REQUEST", "SUBJECT", "#RUN", "FAILED RESOURCES", "NOT RUN");
        for (FailedRequest failed : batch.failedRequests().stream().limit(FAILED_SHOWN).toList()) {
            table.row(failed.requestId(), shortRef(failed.subjectRef()), failed.run(),
                    failed.failedResources().stream()
                            .map(task -> task.resource() + " (" + task.attempts() + " attempts: " + task.error() + ")")
                            .collect(Collectors.joining(", ")),
                    failed.notRunResources().isEmpty() ? null : String.join(", ", failed.notRunResources()));
        }
        table.print(out, "    ");
        int hidden = batch.failedRequests().size() - FAILED_SHOWN;
        if (hidden > 0) {
            out.println("    … and " + hidden + " more (--json lists them all)");
        }
    }

    void subject(SubjectView subject) {
        out.println("Subject " + shortRef(subject.subjectRef()) + ": " + count(subject.requests().size(), "request"));
        TextTable table = new TextTable("REQUEST", "STATUS", "#RUN", "DRY RUN", "BATCH", "RECEIVED", "FINISHED");
        for (SubjectRequest request : subject.requests()) {
            table.row(request.requestId(), request.status(), request.run(), request.dryRun() ? "yes" : "no",
                    request.batchId(), time(request.receivedAt()), time(request.finishedAt()));
        }
        table.print(out, "    ");
    }

    private void field(String name, String value) {
        out.println("  " + String.format("%-9s", name) + " " + value);
    }

    /** Statuses with a count, in the order a request or task goes through them. */
    private static String counts(Map<? extends Enum<?>, Integer> byStatus) {
        String shown = byStatus.entrySet().stream().filter(e -> e.getValue() > 0)
                .map(e -> e.getKey().name() + " " + e.getValue()).collect(Collectors.joining(", "));
        return shown.isEmpty() ? "-" : shown;
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    static String shortRef(String subjectRef) {
        return subjectRef.length() <= REF_SHOWN ? subjectRef : subjectRef.substring(0, REF_SHOWN) + "…";
    }

    private static String time(Instant instant) {
        return instant == null ? "-" : instant.truncatedTo(ChronoUnit.MILLIS).toString();
    }
}
