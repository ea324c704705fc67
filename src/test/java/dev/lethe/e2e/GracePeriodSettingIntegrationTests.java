package dev.lethe.e2e;

import static dev.lethe.testsupport.AuditAssertions.assertThatEvents;
import static dev.lethe.testsupport.DeletionRequests.aDeletionRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lethe.testsupport.AppDatabase;
import dev.lethe.testsupport.AuditLog;
import dev.lethe.testsupport.DeletionRequests;
import dev.lethe.testsupport.LetheIntegrationTest;
import dev.lethe.testsupport.RequestSender;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
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

    @Test
    void holdsARequestWithoutExecuteAfterForTheGracePeriodFromWhenItWasRead() {
        long user = app.newUser();
        DeletionRequests request = aDeletionRequest().forSubject(user);
        Instant sent = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        requests.send(request);

        JsonNode accepted = awaitAccepted(request);
        Instant executeAfter = Instant.parse(accepted.path("executeAfter").asString());
        assertThat(executeAfter).isBetween(sent.plus(GRACE), Instant.now().plus(GRACE));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> audit.eventsOf(request.requestId()).size() == 1 && app.rows("users", user) == 1);
        assertThat(Instant.now()).isBefore(executeAfter);

        List<JsonNode> events = audit.awaitTerminal(request.requestId());
        assertThatEvents(events).endWith("REQUEST_COMPLETED");
        assertThat(Instant.parse(events.get(1).path("occurredAt").asString())).isAfterOrEqualTo(executeAfter);
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
        assertThat(Instant.parse(events.get(events.size() - 1).path("occurredAt").asString()))
                .as("ran at once, not a grace period after it was read")
                .isBefore(Instant.parse(events.get(0).path("occurredAt").asString()).plus(GRACE));
        assertThat(app.rows("users", user)).isZero();
    }

    private JsonNode awaitAccepted(DeletionRequests request) {
        await().atMost(Duration.ofSeconds(30)).until(() -> !audit.eventsOf(request.requestId()).isEmpty());
        return audit.eventsOf(request.requestId()).get(0);
    }
}
