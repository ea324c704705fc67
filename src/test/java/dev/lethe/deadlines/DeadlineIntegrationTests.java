package dev.lethe.deadlines;

import static dev.lethe.testsupport.AuditAssertions.assertThatEvents;
import static dev.lethe.testsupport.DeletionRequests.aDeletionRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lethe.testsupport.AppDatabase;
import dev.lethe.testsupport.AuditLog;
import dev.lethe.testsupport.DeletionRequests;
import dev.lethe.testsupport.InProcessWorkers;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Deadlines end to end, with a deadline of seconds: dueAt on REQUEST_ACCEPTED, one REQUEST_OVERDUE for a request
 * still open when due (a "member" request, whose backend is down for good here), however often the worker restarts
 * and however many workers sweep, and none for a request done in time. Workers are Spring contexts of one deployment,
 * so a test can restart one and run two.
 */
class DeadlineIntegrationTests {

    private static final Duration DEADLINE = Duration.ofSeconds(5);
    /** What the sweep needs to notice a due date: two of its rounds (a tenth of the deadline each). */
    private static final Duration SWEEP_ROUNDS = DEADLINE.dividedBy(5);

    private static InProcessWorkers workers;
    private static ConfigurableApplicationContext worker;
    private static AuditLog audit;
    private static AppDatabase app;

    @BeforeAll
    static void startWorker() {
        workers = new InProcessWorkers(Map.of("lethe.compliance.deadline", DEADLINE.toString()));
        worker = workers.start();
        audit = workers.audit();
        app = workers.app();
    }

    @AfterAll
    static void stopWorkers() {
        workers.close();
    }

    @Test
    void dueAtOnRequestAcceptedIsRequestedAtPlusTheDeadlineOrFirstReadPlusTheDeadline() {
        Instant requestedAt = Instant.parse("2030-01-01T00:00:00.250Z");
        DeletionRequests asked = aDeletionRequest().forSubject(app.newUser()).requestedAt(requestedAt);
        DeletionRequests unsaid = aDeletionRequest().forSubject(app.newUser()).requestedAt(null);
        Instant sent = Instant.now();

        workers.requests().send(asked);
        workers.requests().send(unsaid);

        JsonNode accepted = accepted(audit.awaitTerminal(asked.requestId()));
        assertThat(Instant.parse(accepted.path("dueAt").asString())).isEqualTo(requestedAt.plus(DEADLINE));
        JsonNode acceptedUnsaid = accepted(audit.awaitTerminal(unsaid.requestId()));
        assertThat(Instant.parse(acceptedUnsaid.path("dueAt").asString()))
                .isBetween(sent.plus(DEADLINE), Instant.parse(acceptedUnsaid.path("occurredAt").asString()).plus(DEADLINE));
    }

    @Test
    void aRequestDoneBeforeItsDueDateIsNeverReportedOverdue() {
        // Due 10 s from now: a request of a few rows is done long before, even on a busy machine.
        DeletionRequests request = aDeletionRequest().forSubject(app.newUser()).requestedAt(Instant.now().plus(DEADLINE));
        workers.requests().send(request);

        List<JsonNode> events = audit.awaitTerminal(request.requestId());
        assertThatEvents(events).endWith("REQUEST_COMPLETED");
        Instant dueAt = Instant.parse(accepted(events).path("dueAt").asString());
        assertThat(Instant.parse(events.get(events.size() - 1).path("completedAt").asString())).isBefore(dueAt);

        // Watched until sweeps have run past the due date (from now, if a slow machine got here after it).
        Duration untilDue = Duration.between(Instant.now(), dueAt);
        Duration pastDue = (untilDue.isNegative() ? Duration.ZERO : untilDue).plus(SWEEP_ROUNDS);
        await().during(pastDue).atMost(pastDue.plusSeconds(10)).until(() -> overdueEvents(request).isEmpty());
        assertThat(ledger(worker).queryForObject("select overdue_at is null from deletion_request where request_id = ?",
                Boolean.class, request.requestId())).isTrue();
    }

    @Test
    void aBlockedRequestIsReportedOverdueOnceAcrossARestartAndWithTwoWorkers() {
        DeletionRequests blocked = memberRequest(); // requested now: due in DEADLINE
        workers.requests().send(blocked);

        await().atMost(Duration.ofSeconds(30)).until(() -> overdueEvents(blocked).size() == 1);
        JsonNode overdue = overdueEvents(blocked).get(0);
        assertThat(Instant.parse(overdue.path("dueAt").asString())).isEqualTo(blocked.requestedAt().plus(DEADLINE));
        assertThat(audit.eventsOf(blocked.requestId())).noneMatch(AuditLog::isTerminal);
        // Counted after the sweep's commit, which the relay may publish first.
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(counter(worker, "lethe.requests.overdue")).isGreaterThanOrEqualTo(1));

        workers.stop(worker);
        worker = workers.start();
        // Due an hour ago: the restarted worker reports it at once, which shows that its sweep runs.
        DeletionRequests late = memberRequest().requestedAt(Instant.now().minus(Duration.ofHours(1)));
        workers.requests().send(late);
        await().atMost(Duration.ofSeconds(30)).until(() -> overdueEvents(late).size() == 1);

        ConfigurableApplicationContext second = workers.start();
        try {
            DeletionRequests lateWithTwoWorkers = memberRequest().requestedAt(Instant.now().minus(Duration.ofHours(1)));
            workers.requests().send(lateWithTwoWorkers);
            await().atMost(Duration.ofSeconds(30)).until(() -> overdueEvents(lateWithTwoWorkers).size() == 1);

            await().during(SWEEP_ROUNDS.multipliedBy(5)).atMost(Duration.ofSeconds(30)).until(() ->
                    overdueEvents(blocked).size() == 1 && overdueEvents(late).size() == 1
                            && overdueEvents(lateWithTwoWorkers).size() == 1);
            assertThat(ledger(second).queryForObject("select count(*) from deletion_request where overdue_at is not null"
                    + " and request_id in (?, ?, ?)", Long.class, blocked.requestId(), late.requestId(),
                    lateWithTwoWorkers.requestId())).isEqualTo(3);
            await().atMost(Duration.ofSeconds(15)).until(() -> gauge(second, "lethe.requests.due", "overdue") >= 3);
            assertThat(audit.eventsOf(blocked.requestId())).noneMatch(AuditLog::isTerminal);
        } finally {
            workers.stop(second);
        }
    }

    /** A request of the "member" type: its only resource is on the datasource that is down, so it stays open. */
    private static DeletionRequests memberRequest() {
        return aDeletionRequest().ofType("member").forSubject(app.newNoteOwner("member", 1));
    }

    private static List<JsonNode> overdueEvents(DeletionRequests request) {
        return audit.eventsOf(request.requestId()).stream()
                .filter(event -> event.path("type").asString().equals("REQUEST_OVERDUE")).toList();
    }

    private static JsonNode accepted(List<JsonNode> events) {
        return events.stream().filter(event -> event.path("type").asString().equals("REQUEST_ACCEPTED")).findFirst()
                .orElseThrow(() -> new AssertionError("no REQUEST_ACCEPTED in " + events));
    }

    private static JdbcTemplate ledger(ConfigurableApplicationContext context) {
        return context.getBean(JdbcTemplate.class);
    }

    private static double counter(ConfigurableApplicationContext context, String name) {
        var counter = context.getBean(MeterRegistry.class).find(name).counter();
        return counter == null ? 0 : counter.count();
    }

    private static double gauge(ConfigurableApplicationContext context, String name, String days) {
        var gauge = context.getBean(MeterRegistry.class).find(name).tag("days", days).gauge();
        return gauge == null ? -1 : gauge.value();
    }
}
