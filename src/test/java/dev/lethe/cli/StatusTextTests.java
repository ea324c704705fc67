package dev.lethe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.cli.StatusViews.BatchView;
import dev.lethe.cli.StatusViews.FailedRequest;
import dev.lethe.cli.StatusViews.FailedTask;
import dev.lethe.cli.StatusViews.RequestView;
import dev.lethe.cli.StatusViews.TaskView;
import dev.lethe.ledger.RequestStatus;
import dev.lethe.ledger.TaskStatus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** How {@code lethe status} words what the ledger holds (the integration tests cover the look-ups themselves). */
class StatusTextTests {

    private static final Instant AT = Instant.parse("2026-11-23T10:15:31.120Z");
    private static final String REF = "950a4e69c3b2d1f0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718";

    @Test
    void saysWhichFailedTaskHeldATaskBackInAFailedRequestAndWhatARunningRequestsTaskWaitsFor() {
        TaskView failed = new TaskView("device_history", TaskStatus.FAILED, 1, 3, null, null, "PSQLException SQLSTATE 42P01",
                null, AT, List.of(), List.of());
        TaskView heldBack = new TaskView("device_audit_copy", TaskStatus.PENDING, 1, 0, null, null, null, null, null,
                List.of("device_history"), List.of("device_history"));

        assertThat(print(request(RequestStatus.FAILED, failed, heldBack)))
                .containsPattern("device_history +FAILED +3 +- +- +error: PSQLException SQLSTATE 42P01")
                .containsPattern("device_audit_copy +PENDING +0 +- +- +not run: held back by device_history");
        assertThat(print(request(RequestStatus.RUNNING, heldBack))).contains("waits for device_history");
    }

    @Test
    void listsTheFirstFailedRequestsOfABatchAndSaysHowManyMoreThereAre() {
        int failed = StatusText.FAILED_SHOWN + 5;
        List<FailedRequest> failures = IntStream.range(0, failed).mapToObj(i -> new FailedRequest("r-" + i, REF, 1,
                List.of(new FailedTask("visitor_notes", 3, "EOFException SQLSTATE 08001")), List.of())).toList();
        BatchView batch = new BatchView("nightly", failed, new EnumMap<>(Map.of(RequestStatus.FAILED, failed)),
                new EnumMap<>(Map.of(TaskStatus.FAILED, failed)), Map.of(), 0, failures);

        String printed = print(text -> text.batch(batch));

        assertThat(printed).contains("r-" + (StatusText.FAILED_SHOWN - 1) + " ").doesNotContain("r-" + StatusText.FAILED_SHOWN + " ")
                .contains("… and 5 more (--json lists them all)").contains("950a4e69c3b2…").doesNotContain(REF);
    }

    @Test
    void aControlCharacterInABatchIdCannotMoveTheCursor() {
        RequestView request = new RequestView("r-1", REF, "nightly\u001b[2J", RequestStatus.RECEIVED, 1, false, AT, null, null,
                null, null, null, List.of());

        assertThat(print(text -> text.request(request))).contains("batch     nightly?[2J").doesNotContain("\u001b")
                .contains("not planned yet");
    }

    @Test
    void showsWhenARequestMayRunAndWhenItIsDueAndWhetherItWasFoundOverdue() {
        Instant runsFrom = AT.plusSeconds(3600);
        Instant due = AT.plusSeconds(86_400);
        RequestView waiting = new RequestView("r-1", REF, null, RequestStatus.RUNNING, 1, false, AT, AT, null, runsFrom, due,
                null, List.of());
        RequestView overdue = new RequestView("r-2", REF, null, RequestStatus.RUNNING, 1, false, AT, AT, null, null, due,
                due.plusSeconds(5), List.of());

        assertThat(print(text -> text.request(waiting)))
                .contains("  runs from " + runsFrom + " (executeAfter: no task runs before it)")
                .contains("  due       " + due + "\n").doesNotContain("OVERDUE");
        assertThat(print(text -> text.request(overdue))).doesNotContain("runs from")
                .contains("  due       " + due + " (OVERDUE: still open at " + due.plusSeconds(5) + ")");
    }

    private static java.util.function.Consumer<StatusText> request(RequestStatus status, TaskView... tasks) {
        RequestView request = new RequestView("r-1", REF, null, status, 1, false, AT, AT, null, null, null, null,
                List.of(tasks));
        return text -> text.request(request);
    }

    private static String print(java.util.function.Consumer<StatusText> printing) {
        StringWriter out = new StringWriter();
        printing.accept(new StatusText(new PrintWriter(out, true)));
        return out.toString();
    }
}
