package dev.lethe.tasks;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.lethe.testsupport.AuditAssertions.assertThatEvents;
import static dev.lethe.testsupport.DeletionRequests.aDeletionRequest;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.lethe.testsupport.AuditLog;
import dev.lethe.testsupport.DeletionRequests;
import dev.lethe.testsupport.LetheIntegrationTest;
import dev.lethe.testsupport.RequestSender;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Leases are renewed for what the worker holds, and only that. A call that runs much longer than the lease keeps its task: the heartbeat renews the lease while it runs, so the
 * expiry check (every 200 ms here) never hands the task to a second run. With a lease that is not renewed, the task
 * would be released after 4 s and called again while the first call is still going.
 *
 * <p>The lease is short for the test but not tight: a renewal may come 3.6 s late before the task is lost, and a
 * pool thread may start the task up to 2 s after its claim (half the lease, {@code LeaseHeartbeat.mayStart}), so a
 * busy machine's pauses do not pass for a missed heartbeat.
 */
@LetheIntegrationTest
@TestPropertySource(properties = {
        "lethe.tasks.lease=4s",
        "lethe.tasks.heartbeat-interval=400ms",
        "lethe.tasks.lease-check-interval=200ms",
        "lethe.resources.slow_service.type=http",
        "lethe.resources.slow_service.subject-type=slow-user",
        "lethe.resources.slow_service.resilience.call-timeout=20s",
        "lethe.resources.slow_service.resilience.retry-attempts=1"})
class LeaseHeartbeatIntegrationTests {

    private static final WireMockServer SERVICE = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort()
            .containerThreads(10).jettyAcceptors(1));

    @Autowired
    RequestSender requests;
    @Autowired
    AuditLog audit;
    @Autowired
    JdbcTemplate ledger;
    @Autowired
    WorkerIdentity worker;

    @DynamicPropertySource
    static void downstream(DynamicPropertyRegistry registry) {
        if (!SERVICE.isRunning()) {
            SERVICE.start();
        }
        registry.add("lethe.resources.slow_service.url", () -> SERVICE.baseUrl() + "/accounts/{id}");
    }

    @AfterAll
    static void stopService() {
        SERVICE.stop();
    }

    @Test
    void aCallLongerThanTheLeaseRunsOnceBecauseItsLeaseIsRenewedWhileItRuns() {
        String id = UUID.randomUUID().toString();
        SERVICE.stubFor(delete(urlEqualTo("/accounts/" + id))
                .willReturn(aResponse().withStatus(204).withFixedDelay(10_000)));
        DeletionRequests request = aDeletionRequest().ofType("slow-user").forSubject(id);

        requests.send(request);

        assertThatEvents(audit.awaitTerminal(request.requestId())).endWith("REQUEST_COMPLETED")
                .haveAttempts("slow_service", 1);
        assertThat(SERVICE.findAll(deleteRequestedFor(urlEqualTo("/accounts/" + id))))
                .as("calls of the slow service for the subject, two and a half leases long each").hasSize(1);
    }

    /**
     * A claim under this worker's name that its runner does not hold (a task left to its lease, a claim whose commit
     * was never confirmed) is not renewed: it expires while the worker lives, and is taken over and run.
     */
    @Test
    void aClaimTheRunnerDoesNotHoldExpiresAndRunsWhileItsWorkerLives() {
        String id = UUID.randomUUID().toString();
        SERVICE.stubFor(delete(urlEqualTo("/accounts/" + id)).willReturn(aResponse().withStatus(204)));
        DeletionRequests request = aDeletionRequest().ofType("slow-user").forSubject(id);
        Timestamp now = Timestamp.from(Instant.now());
        ledger.update("""
                insert into deletion_request (request_id, subject_ref, status, run, dry_run, payload, received_at,
                    started_at, updated_at)
                values (?, ?, 'RUNNING', 1, false, ?, ?, ?, ?)""", request.requestId(), "0".repeat(64),
                request.toJson().getBytes(StandardCharsets.UTF_8), now, now, now);
        ledger.update("""
                insert into deletion_task (request_id, resource, position, status, run, attempts, waiting_on,
                    next_attempt_at, first_attempt_at, lease_owner, lease_expires_at, updated_at)
                values (?, 'slow_service', 0, 'RUNNING', 1, 1, 0, ?, ?, ?, ?, ?)""", request.requestId(), now, now,
                worker.name(), Timestamp.from(Instant.now().plusMillis(1500)), now);

        // Written into the ledger as if planned and claimed elsewhere: no REQUEST_ACCEPTED, only what the takeover did.
        assertThat(audit.awaitTerminal(request.requestId())).extracting(event -> event.path("type").asString())
                .containsExactly("TASK_COMPLETED", "REQUEST_COMPLETED");
        assertThat(SERVICE.findAll(deleteRequestedFor(urlEqualTo("/accounts/" + id)))).hasSize(1);
    }
}
