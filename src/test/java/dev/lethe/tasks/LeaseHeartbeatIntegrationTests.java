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
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * A call that runs much longer than the lease keeps its task: the heartbeat renews the lease while it runs, so the
 * expiry check (every 200 ms here) never hands the task to a second run. With a lease that is not renewed, the task
 * would be released after 1.5 s and called again while the first call is still going.
 */
@LetheIntegrationTest
@TestPropertySource(properties = {
        "lethe.tasks.lease=1500ms",
        "lethe.tasks.heartbeat-interval=300ms",
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
                .willReturn(aResponse().withStatus(204).withFixedDelay(6_000)));
        DeletionRequests request = aDeletionRequest().ofType("slow-user").forSubject(id);

        requests.send(request);

        assertThatEvents(audit.awaitTerminal(request.requestId())).endWith("REQUEST_COMPLETED")
                .haveAttempts("slow_service", 1);
        assertThat(SERVICE.findAll(deleteRequestedFor(urlEqualTo("/accounts/" + id))))
                .as("calls of the slow service for the subject, four leases long each").hasSize(1);
    }
}
