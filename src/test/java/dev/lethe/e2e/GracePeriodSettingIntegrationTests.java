package dev.lethe.e2e;

import static dev.lethe.testsupport.AuditAssertions.assertThatEvents;
import static dev.lethe.testsupport.DeletionRequests.aDeletionRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.awaitility.Awaitility.await;

import dev.lethe.testsupport.AppDatabase;
import dev.lethe.testsupport.AuditLog;
import dev.lethe.testsupport.DeletionRequests;
import dev.lethe.testsupport.LetheIntegrationTest;
import dev.lethe.testsupport.RequestSender;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/** {@code lethe.compliance.grace-period} applies to requests without executeAfter; the request's own field wins. */
@LetheIntegrationTest
@TestPropertySource(properties = "lethe.compliance.grace-period=PT6S")
class GracePeriodSettingIntegrationTests {

    private static final Duration GRACE = Duration.ofSeconds(6);

    @Autowired
    RequestSender requests;
    @Autowired
    AuditLog audit;
    @Autowired
    AppDatabase app;
    @Autowired
    JdbcClient ledger;

    @Test
    void holdsARequestWithoutExecuteAfterForTheGracePeriodFromWhenItWasRead() {
        long user = app.newUser();
        DeletionRequests request = aDeletionRequest().forSubject(user);
        Instant sent = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        requests.send(request);

        JsonNode accepted = awaitAccepted(request);
        Instant executeAfter = Instant.parse(accepted.path("executeAfter").asString());
        assertThat(executeAfter).isBetween(sent.plus(GRACE), Instant.now().plus(GRACE));
        assertThat(ledger.sql("select extract(epoch from execute_after - received_at) from deletion_request where request_id = ?")
                .param(request.requestId()).query(Double.class).single())
                .as("seconds held from when it was read").isCloseTo(6.0, offset(0.001));
        // Watched while there is time left (a busy machine may leave less than 2 s); the ledger's first attempts and
        // the task events' times below hold whatever the watch saw.
        Duration watch = Duration.between(Instant.now(), executeAfter).minusMillis(500);
        if (watch.compareTo(Duration.ofSeconds(2)) > 0) {
            watch = Duration.ofSeconds(2);
        }
        if (!watch.isNegative() && !watch.isZero()) {
            await().during(watch).atMost(watch.plusSeconds(4))
                    .until(() -> audit.eventsOf(request.requestId()).size() == 1 && app.rows("users", user) == 1);
        }

        List<JsonNode> events = audit.awaitTerminal(request.requestId());
        assertThatEvents(events).endWith("REQUEST_COMPLETED");
        assertThat(events).filteredOn(event -> event.path("type").asString().startsWith("TASK_")).isNotEmpty()
                .allSatisfy(task -> assertThat(Instant.parse(task.path("occurredAt").asString())).isAfterOrEqualTo(executeAfter));
        assertThat(ledger.sql("select first_attempt_at from deletion_task where request_id = ?")
                .param(request.requestId()).query(OffsetDateTime.class).list()).isNotEmpty()
                .allSatisfy(firstAttempt -> assertThat(firstAttempt.toInstant()).isAfterOrEqualTo(executeAfter));
        assertThat(app.rows("users", user)).isZero();
    }

    @Test
    void anExecuteAfterInTheRequestWinsOverTheSetting() {
        long user = app.newUser();
        Instant executeAfter = Instant.parse("2026-01-01T00:00:00Z");
        DeletionRequests request = aDeletionRequest().forSubject(user).executeAfter(executeAfter);

        requests.send(request);

        List<JsonNode> events = audit.awaitTerminal(request.requestId());
        assertThatEvents(events).endWith("REQUEST_COMPLETED");
        assertThat(Instant.parse(events.get(0).path("executeAfter").asString())).isEqualTo(executeAfter);
        assertThat(ledger.sql("select count(*) from deletion_task t join deletion_request r using (request_id)"
                        + " where r.request_id = ? and t.first_attempt_at < r.received_at + interval '6 seconds'")
                .param(request.requestId()).query(Long.class).single())
                .as("tasks first run before the grace period of the setting would have ended").isPositive();
        assertThat(app.rows("users", user)).isZero();
    }

    private JsonNode awaitAccepted(DeletionRequests request) {
        await().atMost(Duration.ofSeconds(30)).until(() -> !audit.eventsOf(request.requestId()).isEmpty());
        return audit.eventsOf(request.requestId()).get(0);
    }
}
