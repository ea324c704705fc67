package dev.lethe.cleaners.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.lethe.testsupport.AuditAssertions.assertThatEvents;
import static dev.lethe.testsupport.DeletionRequests.aDeletionRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.lethe.testsupport.AuditLog;
import dev.lethe.testsupport.DeletionRequests;
import dev.lethe.testsupport.LetheIntegrationTest;
import dev.lethe.testsupport.LogCapture;
import dev.lethe.testsupport.RequestSender;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two {@code type: http} resources of the subject type {@code http-user} against a fake downstream service (WireMock
 * on a loopback port, started once for the class), end to end through the real broker, ledger and audit topic:
 * HARD, SOFT (the soft call, and SKIPPED where none is configured), dry run, nothing found, an outage retried behind
 * the breaker until the service recovers, a 429 whose Retry-After holds the next attempt back, a permanent 4xx, ids
 * that must reach only their own URL, and no subject value in any log line or audit event.
 */
@LetheIntegrationTest
@TestPropertySource(properties = {
        "lethe.resources.http_accounts.type=http",
        "lethe.resources.http_accounts.subject-type=http-user",
        "lethe.resources.http_accounts.categories=accounts",
        "lethe.resources.http_accounts.items-pointer=/deleted",
        "lethe.resources.http_accounts.headers.Authorization=Bearer integration-token",
        "lethe.resources.http_accounts.headers.X-Lethe-Home=${HOME}",
        "lethe.resources.http_accounts.soft.method=PATCH",
        "lethe.resources.http_accounts.soft.body={\"deleted\": true}",
        "lethe.resources.http_accounts.max-attempts=1000",
        "lethe.resources.http_accounts.max-age=10m",
        // Not short: no test needs a call to time out, and one that did on a busy machine would be retried (two calls).
        "lethe.resources.http_accounts.resilience.call-timeout=15s",
        "lethe.resources.http_accounts.resilience.retry-attempts=2",
        "lethe.resources.http_accounts.resilience.retry-initial-interval=20ms",
        "lethe.resources.http_accounts.resilience.breaker-window=4",
        "lethe.resources.http_accounts.resilience.breaker-minimum-calls=2",
        "lethe.resources.http_accounts.resilience.breaker-open-wait=500ms",
        "lethe.resources.http_accounts.resilience.breaker-half-open-calls=1",
        "lethe.resources.http_newsletter.type=http",
        "lethe.resources.http_newsletter.subject-type=http-user",
        "lethe.resources.http_newsletter.categories=newsletter",
        "lethe.resources.http_newsletter.depends-on=http_accounts",
        "lethe.resources.http_newsletter.method=POST",
        "lethe.resources.http_newsletter.body={\"subscriber\": \"{id}\", \"reason\": \"erasure\"}"})
class HttpResourceIntegrationTests {

    private static final String TYPE = "http-user";
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
        registry.add("lethe.resources.http_accounts.url", () -> SERVICE.baseUrl() + "/accounts/{id}");
        registry.add("lethe.resources.http_accounts.soft.url", () -> SERVICE.baseUrl() + "/accounts/{id}/deletion");
        registry.add("lethe.resources.http_newsletter.url", () -> SERVICE.baseUrl() + "/newsletter?subscriber={id}");
    }

    @AfterAll
    static void stopService() {
        SERVICE.stop();
    }

    @Test
    void aHardRunCallsEachResourceOncePerSubjectWithItsHeadersAndBody() {
        String first = newId();
        String second = newId();
        for (String id : List.of(first, second)) {
            SERVICE.stubFor(delete(accountPath(id)).willReturn(okJson("{\"deleted\": 3}")));
            SERVICE.stubFor(post(newsletterPath(id)).willReturn(aResponse().withStatus(204)));
        }
        DeletionRequests one = request(first);
        DeletionRequests two = request(second);

        requests.sendTogether(one, two);

        for (DeletionRequests request : List.of(one, two)) {
            assertThatEvents(audit.awaitTerminal(request.requestId())).endWith("REQUEST_COMPLETED")
                    .haveTask("http_accounts", "DELETED", 3).haveTask("http_newsletter", "DELETED", 1)
                    .completeInOrder("http_accounts", "http_newsletter");
        }
        for (String id : List.of(first, second)) {
            LoggedRequest erase = only(accountPath(id));
            assertThat(erase.getMethod().getName()).isEqualTo("DELETE");
            assertThat(erase.getHeader("Authorization")).isEqualTo("Bearer integration-token");
            assertThat(erase.getHeader("X-Lethe-Home")).as("${HOME} resolved from the environment")
                    .isEqualTo(System.getenv("HOME"));
            LoggedRequest unsubscribe = only(newsletterPath(id));
            assertThat(unsubscribe.getMethod().getName()).isEqualTo("POST");
            assertThat(unsubscribe.getHeader("Content-Type")).isEqualTo("application/json");
            JsonNode body = JsonMapper.builder().build().readTree(unsubscribe.getBodyAsString());
            assertThat(body.path("subscriber").asString()).isEqualTo(id);
            assertThat(body.path("reason").asString()).isEqualTo("erasure");
        }
    }

    @Test
    void nothingFoundStatusesCompleteAsNothingFound() {
        String id = newId();
        SERVICE.stubFor(delete(accountPath(id)).willReturn(aResponse().withStatus(404)));
        SERVICE.stubFor(post(newsletterPath(id)).willReturn(aResponse().withStatus(410)));
        DeletionRequests request = request(id);

        requests.send(request);

        assertThatEvents(audit.awaitTerminal(request.requestId())).endWith("REQUEST_COMPLETED")
                .haveTask("http_accounts", "NOTHING_FOUND", 0).haveTask("http_newsletter", "NOTHING_FOUND", 0);
    }

    @Test
    void aSoftRunMakesTheSoftCallAndSkipsTheResourceWithoutOne() {
        String id = newId();
        SERVICE.stubFor(patch(urlEqualTo(accountPath(id) + "/deletion")).willReturn(aResponse().withStatus(200)));
        DeletionRequests request = request(id).soft();

        requests.send(request);

        assertThatEvents(audit.awaitTerminal(request.requestId())).endWith("REQUEST_COMPLETED")
                .haveTask("http_accounts", "SOFT_DELETED", 1).haveTask("http_newsletter", "SKIPPED", 0);
        LoggedRequest mark = only(accountPath(id) + "/deletion");
        assertThat(mark.getMethod().getName()).isEqualTo("PATCH");
        assertThat(mark.getBodyAsString()).isEqualTo("{\"deleted\":true}");
        assertThat(SERVICE.findAll(deleteRequestedFor(urlEqualTo(accountPath(id))))).isEmpty();
        assertThat(SERVICE.findAll(anyRequestedFor(urlEqualTo(newsletterPath(id))))).isEmpty();
    }

    @Test
    void aDryRunCountsWithGetsAndChangesNothing() {
        String id = newId();
        SERVICE.stubFor(get(accountPath(id)).willReturn(okJson("{\"id\": \"x\"}")));
        SERVICE.stubFor(get(newsletterPath(id)).willReturn(aResponse().withStatus(404)));
        DeletionRequests request = request(id).dryRun();

        requests.send(request);

        assertThatEvents(audit.awaitTerminal(request.requestId())).endWith("REQUEST_COMPLETED").allDryRun()
                .haveTask("http_accounts", "DRY_RUN", 1).haveTask("http_newsletter", "DRY_RUN", 0);
        assertThat(SERVICE.findAll(anyRequestedFor(urlPathEqualTo("/accounts/" + id))))
                .extracting(call -> call.getMethod().getName()).containsExactly("GET");
        assertThat(SERVICE.findAll(anyRequestedFor(urlEqualTo(newsletterPath(id)))))
                .extracting(call -> call.getMethod().getName()).containsExactly("GET");
    }

    @Test
    void anOutageIsRetriedBehindTheBreakerUntilTheServiceRecovers() {
        String id = newId();
        String outage = "outage-" + id;
        SERVICE.stubFor(delete(accountPath(id)).inScenario(outage).whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503)));
        SERVICE.stubFor(delete(accountPath(id)).inScenario(outage).whenScenarioStateIs("recovered")
                .willReturn(okJson("{\"deleted\": 2}")));
        DeletionRequests request = request(id).including("accounts");

        requests.send(request);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> SERVICE.findAll(deleteRequestedFor(urlEqualTo(accountPath(id)))).size() >= 4);
        assertThat(audit.eventsOf(request.requestId())).noneMatch(AuditLog::isTerminal);
        SERVICE.setScenarioState(outage, "recovered");

        List<JsonNode> events = audit.awaitTerminal(request.requestId());
        assertThatEvents(events).endWith("REQUEST_COMPLETED").haveTask("http_accounts", "DELETED", 2);
        assertThat(events).noneMatch(event -> event.path("type").asString().equals("TASK_FAILED"));
        assertThat(task(events, "http_accounts").path("attempts").asInt()).isGreaterThanOrEqualTo(5);
    }

    @Test
    void a429sRetryAfterHoldsTheNextAttemptBackAndIsNotRetriedWithinTheCall() {
        String id = newId();
        String throttle = "throttle-" + id;
        SERVICE.stubFor(delete(accountPath(id)).inScenario(throttle).whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2")).willSetStateTo("throttled"));
        SERVICE.stubFor(delete(accountPath(id)).inScenario(throttle).whenScenarioStateIs("throttled")
                .willReturn(okJson("{\"deleted\": 1}")));
        DeletionRequests request = request(id).including("accounts");

        requests.send(request);

        List<JsonNode> events = audit.awaitTerminal(request.requestId());
        assertThatEvents(events).endWith("REQUEST_COMPLETED").haveTask("http_accounts", "DELETED", 1)
                .haveAttempts("http_accounts", 2);
        List<LoggedRequest> calls = SERVICE.findAll(deleteRequestedFor(urlEqualTo(accountPath(id))));
        assertThat(calls).as("one throttled call, then one after the wait: no in-call retry").hasSize(2);
        long waited = calls.get(1).getLoggedDate().getTime() - calls.get(0).getLoggedDate().getTime();
        assertThat(waited).as("ms between the 429 and the next attempt (tasks back off 200 ms here)")
                .isGreaterThanOrEqualTo(2_000);
    }

    @Test
    void aPermanentErrorFailsTheTaskAtOnce() {
        String id = newId();
        SERVICE.stubFor(delete(accountPath(id)).willReturn(aResponse().withStatus(403).withBody("forbidden " + id)));
        DeletionRequests request = request(id);

        requests.send(request);

        List<JsonNode> events = audit.awaitTerminal(request.requestId());
        assertThatEvents(events).endWith("REQUEST_FAILED").haveFailedTask("http_accounts");
        JsonNode failed = task(events, "http_accounts");
        assertThat(failed.path("attempts").asInt()).isEqualTo(1);
        assertThat(failed.path("error").asString())
                .isEqualTo("HttpCallFailure: lethe.resources.http_accounts: DELETE answered HTTP 403 (permanent)");
        assertThat(events.get(events.size() - 1).path("notRunResources").toString()).contains("http_newsletter");
        assertThat(SERVICE.findAll(anyRequestedFor(urlEqualTo(accountPath(id))))).hasSize(1);
        assertThat(SERVICE.findAll(anyRequestedFor(urlEqualTo(newsletterPath(id))))).isEmpty();
    }

    @Test
    void anIdWithSeparatorsAndPatternCharactersReachesOnlyItsOwnUrl() {
        String hostile = "x/../admin?all=1#top&*[a]" + UUID.randomUUID();
        String encodedPath = "/accounts/" + UrlTemplate.encode(hostile);
        SERVICE.stubFor(any(urlEqualTo(encodedPath)).willReturn(okJson("{\"deleted\": 1}")));
        SERVICE.stubFor(any(urlPathEqualTo("/newsletter")).willReturn(aResponse().withStatus(204)));
        SERVICE.stubFor(any(urlPathEqualTo("/accounts/admin")).willReturn(okJson("{\"deleted\": 99}")));
        DeletionRequests request = request(hostile);
        DeletionRequests dotDot = request("..").including("accounts");

        requests.send(request);
        requests.send(dotDot);

        assertThatEvents(audit.awaitTerminal(request.requestId())).endWith("REQUEST_COMPLETED")
                .haveTask("http_accounts", "DELETED", 1).haveTask("http_newsletter", "DELETED", 1);
        assertThat(only(encodedPath).getMethod().getName()).isEqualTo("DELETE");
        LoggedRequest unsubscribe = only("/newsletter?subscriber=" + UrlTemplate.encode(hostile));
        assertThat(unsubscribe.queryParameter("subscriber").values()).containsExactly(hostile);
        assertThat(unsubscribe.getQueryParams()).containsOnlyKeys("subscriber");
        List<JsonNode> refused = audit.awaitTerminal(dotDot.requestId());
        assertThatEvents(refused).endWith("REQUEST_FAILED").haveFailedTask("http_accounts");
        assertThat(task(refused, "http_accounts").path("error").asString()).contains("path segment");
        assertThat(SERVICE.findAll(anyRequestedFor(urlPathEqualTo("/accounts/admin")))).as("the bystander").isEmpty();
        assertThat(SERVICE.findAll(anyRequestedFor(urlPathEqualTo("/accounts/..")))).isEmpty();
        assertThat(SERVICE.findAll(anyRequestedFor(urlPathEqualTo("/")))).isEmpty();
    }

    @Test
    void noSubjectValueReachesALogLineOrAnAuditEvent() {
        String secret = "secret-subject-" + UUID.randomUUID();
        String failing = "secret-subject-" + UUID.randomUUID();
        SERVICE.stubFor(delete(accountPath(secret)).willReturn(okJson("{\"deleted\": 1}")));
        SERVICE.stubFor(post(newsletterPath(secret)).willReturn(aResponse().withStatus(204)));
        SERVICE.stubFor(delete(accountPath(failing)).willReturn(aResponse().withStatus(400).withBody(failing)));
        DeletionRequests completed = request(secret);
        DeletionRequests failed = request(failing);
        List<String> lines;
        List<JsonNode> events;
        try (LogCapture logs = LogCapture.atDebug("dev.lethe")) {
            requests.send(completed);
            requests.send(failed);
            events = new java.util.ArrayList<>(audit.awaitTerminal(completed.requestId()));
            events.addAll(audit.awaitTerminal(failed.requestId()));
            lines = logs.lines();
        }

        assertThatEvents(audit.eventsOf(completed.requestId())).endWith("REQUEST_COMPLETED");
        assertThatEvents(audit.eventsOf(failed.requestId())).endWith("REQUEST_FAILED");
        for (String subject : List.of(secret, failing)) {
            String hex = HexFormat.of().formatHex(subject.getBytes(StandardCharsets.UTF_8));
            assertThat(lines).as("log lines").noneMatch(line -> line.contains(subject) || line.toLowerCase().contains(hex));
            assertThat(events).as("audit events").noneMatch(event -> event.toString().contains(subject));
        }
    }

    private static DeletionRequests request(String id) {
        return aDeletionRequest().ofType(TYPE).forSubject(id);
    }

    private static String newId() {
        return "u-" + UUID.randomUUID();
    }

    private static String accountPath(String id) {
        return "/accounts/" + UrlTemplate.encode(id);
    }

    private static String newsletterPath(String id) {
        return "/newsletter?subscriber=" + UrlTemplate.encode(id);
    }

    private static LoggedRequest only(String url) {
        List<LoggedRequest> calls = SERVICE.findAll(anyRequestedFor(urlEqualTo(url)));
        assertThat(calls).as("calls to %s", url).hasSize(1);
        return calls.get(0);
    }

    private static JsonNode task(List<JsonNode> events, String resource) {
        return events.stream().filter(event -> resource.equals(event.path("resource").asString(null))).findFirst()
                .orElseThrow(() -> new AssertionError("no task event for " + resource));
    }
}
