package dev.lethe.monitoring;

import static dev.lethe.testsupport.AuditAssertions.assertThatEvents;
import static dev.lethe.testsupport.DeletionRequests.aDeletionRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lethe.testsupport.AppDatabase;
import dev.lethe.testsupport.AuditLog;
import dev.lethe.testsupport.DeletionRequests;
import dev.lethe.testsupport.FlakyBackend;
import dev.lethe.testsupport.LetheIntegrationTest;
import dev.lethe.testsupport.RequestSender;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The metrics operators alert on tell the truth: work that will never run without a replay is not pending, every
 * outcome is counted, and a request that stays open shows in the oldest-open-request age.
 */
@LetheIntegrationTest
class MetricsIntegrationTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Autowired
    MeterRegistry meters;
    @Autowired
    JdbcClient ledger;
    @Autowired
    RequestSender requests;
    @Autowired
    AuditLog audit;
    @Autowired
    AppDatabase app;
    @Autowired
    FlakyBackend flaky;

    @Test
    void doesNotCountTasksHeldBackByAFailedRequestAsPending() {
        app.update("drop table if exists device_history"); // a permanent error: device_audit_copy is held back
        DeletionRequests request = aDeletionRequest().forSubject("device-" + UUID.randomUUID()).ofType("device");

        requests.send(request);

        assertThatEvents(audit.awaitTerminal(request.requestId())).endWith("REQUEST_FAILED");
        assertThat(ledger.sql("select status from deletion_task where request_id = ? and resource = 'device_audit_copy'")
                .param(request.requestId()).query(String.class).single()).isEqualTo("PENDING");
        // Other tests' work may come and go in this ledger: the gauge must count exactly the open tasks of running
        // requests, which leaves out at least the held-back task.
        await().atMost(TIMEOUT).untilAsserted(() -> {
            double pending = gauge("lethe.tasks.pending");
            assertThat(pending).isEqualTo(openTasks("and r.status = 'RUNNING'"));
            assertThat(pending).isLessThan(openTasks(""));
        });
    }

    @Test
    void countsEveryOutcomeWithItsTag() {
        long hard = app.newUser();
        long soft = app.newUser();
        long dryRun = app.newUser();
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("posts", "DELETED");
        expected.put("sessions", "SKIPPED");
        expected.put("chats", "SOFT_DELETED");
        expected.put("users", "DRY_RUN");
        expected.put("device_tokens", "NOTHING_FOUND");
        Map<String, Double> before = new LinkedHashMap<>();
        expected.forEach((resource, outcome) -> before.put(resource + "/" + outcome, tasks(resource, outcome)));
        DeletionRequests[] sent = {aDeletionRequest().forSubject(hard), aDeletionRequest().forSubject(soft).soft(),
                aDeletionRequest().forSubject(dryRun).dryRun(),
                aDeletionRequest().forSubject("device-" + UUID.randomUUID()).ofType("device")};

        for (DeletionRequests request : sent) {
            requests.send(request);
        }

        for (DeletionRequests request : sent) {
            audit.awaitTerminal(request.requestId());
        }
        await().atMost(TIMEOUT).untilAsserted(() -> expected.forEach((resource, outcome) ->
                assertThat(tasks(resource, outcome)).as(resource + " " + outcome)
                        .isGreaterThanOrEqualTo(before.get(resource + "/" + outcome) + 1)));
    }

    @Test
    void showsTheAgeOfTheOldestRequestNotYetEnded() {
        DeletionRequests request = aDeletionRequest().forSubject(app.newNoteOwner("member", 1)).ofType("member");
        flaky.goDown();
        try {
            requests.send(request);

            await().atMost(TIMEOUT).untilAsserted(() -> {
                assertThat(gauge("lethe.requests.open")).isGreaterThanOrEqualTo(1);
                assertThat(gauge("lethe.requests.oldest.open.age")).isGreaterThanOrEqualTo(2);
            });
        } finally {
            flaky.comeBack();
        }
        assertThatEvents(audit.awaitTerminal(request.requestId())).endWith("REQUEST_COMPLETED");
    }

    private double gauge(String name) {
        Gauge gauge = meters.find(name).gauge();
        assertThat(gauge).as(name).isNotNull();
        return gauge.value();
    }

    private double tasks(String resource, String outcome) {
        Counter counter = meters.find("lethe.tasks").tag("resource", resource).tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private long openTasks(String requestCondition) {
        return ledger.sql("select count(*) from deletion_task t join deletion_request r on r.request_id = t.request_id"
                + " where t.status in ('PENDING', 'RUNNING') " + requestCondition).query(Long.class).single();
    }
}
