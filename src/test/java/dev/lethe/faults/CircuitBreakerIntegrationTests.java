package dev.lethe.faults;

import static dev.lethe.testsupport.DeletionRequests.aDeletionRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lethe.testsupport.AppDatabase;
import dev.lethe.testsupport.AuditLog;
import dev.lethe.testsupport.DeletionRequests;
import dev.lethe.testsupport.FlakyBackend;
import dev.lethe.testsupport.LetheIntegrationTest;
import dev.lethe.testsupport.RequestSender;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * A backend fails for a while and recovers: its breaker opens, its tasks wait without failing or spending their
 * budget, every request completes once it is back, and the transitions show in the metrics.
 */
@LetheIntegrationTest
class CircuitBreakerIntegrationTests {

    private static final int REQUESTS = 30;

    @Autowired
    RequestSender requests;
    @Autowired
    AuditLog audit;
    @Autowired
    AppDatabase app;
    @Autowired
    FlakyBackend backend;
    @Autowired
    CircuitBreakerRegistry breakers;
    @Autowired
    MeterRegistry meters;

    @Test
    void parksTasksWhileTheBreakerIsOpenAndCompletesThemWhenTheBackendRecovers() {
        List<DeletionRequests> sent = new ArrayList<>();
        List<String> owners = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            String owner = app.newNoteOwner("member", 2);
            owners.add(owner);
            sent.add(aDeletionRequest().forSubject(owner).ofType("member"));
        }
        CircuitBreaker breaker = breakers.circuitBreaker("member_notes");
        double turnedAwayBefore = counter("lethe.tasks.turned.away", "member_notes");
        backend.goDown();
        try {
            sent.forEach(requests::send);
            await().atMost(Duration.ofSeconds(30)).until(() -> breaker.getState() == CircuitBreaker.State.OPEN);
            // While it is down: tasks keep being turned away by the open breaker, none fails.
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> counter("lethe.tasks.turned.away", "member_notes") - turnedAwayBefore >= REQUESTS);
            assertThat(sent).allSatisfy(request -> assertThat(audit.eventsOf(request.requestId()))
                    .noneMatch(event -> event.path("type").asString().equals("TASK_FAILED"))
                    .noneMatch(AuditLog::isTerminal));
        } finally {
            backend.comeBack();
        }

        for (DeletionRequests request : sent) {
            List<JsonNode> events = audit.awaitTerminal(request.requestId());
            assertThat(events).extracting(event -> event.path("type").asString())
                    .containsExactly("REQUEST_ACCEPTED", "TASK_COMPLETED", "REQUEST_COMPLETED");
            assertThat(events.get(1).path("outcome").asString()).isEqualTo("DELETED");
        }
        assertThat(owners).allSatisfy(owner -> assertThat(app.notes(owner)).isZero());
        assertThat(transitions("CLOSED", "OPEN")).isPositive();
        assertThat(transitions("OPEN", "HALF_OPEN")).isPositive();
        assertThat(transitions("HALF_OPEN", "CLOSED")).isPositive();
        assertThat(meters.find("resilience4j.circuitbreaker.state").tag("name", "member_notes").gauges()).isNotEmpty();
    }

    private double counter(String name, String resource) {
        var counter = meters.find(name).tag("resource", resource).counter();
        return counter == null ? 0 : counter.count();
    }

    private double transitions(String from, String to) {
        var counter = meters.find("lethe.breaker.transitions").tag("resource", "member_notes").tag("from", from)
                .tag("to", to).counter();
        return counter == null ? 0 : counter.count();
    }
}
