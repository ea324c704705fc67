package dev.lethe.cleaners.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.lethe.testsupport.ResourceFixtures.aResource;
import static dev.lethe.testsupport.ResourceFixtures.settingsFrom;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.lethe.cleaners.CleanCommand;
import dev.lethe.cleaners.Cleaner;
import dev.lethe.core.DeletionRequest.Mode;
import dev.lethe.core.DeletionRequest.Subject;
import dev.lethe.core.SafeErrors;
import dev.lethe.plan.ResilienceSettings;
import dev.lethe.plan.Resource;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The http type's cleaner against a fake downstream service (WireMock on a loopback port, started once for the
 * class): what each status means, what the service receives (method, encoded path, headers, body), timeouts and
 * refused connections, and that an id never reaches another URL.
 */
class HttpCleanerTests {

    private static final Instant NOW = Instant.parse("2015-10-21T07:27:00Z");
    private static final Duration CALL_TIMEOUT = Duration.ofMillis(1500);
    private static final Map<String, String> ENVIRONMENT = Map.of("ORDERS_TOKEN", "s3cret-token");

    private static WireMockServer service;

    private final HttpCleanerFactory factory = new HttpCleanerFactory(ResilienceSettings.BUILT_IN, ENVIRONMENT::get,
            Clock.fixed(NOW, ZoneOffset.UTC));
    private final Resource orders = new Resource("orders", aResource().ofType("http")
            .withResilience(new ResilienceSettings(CALL_TIMEOUT, null, null, null, null, null, null, null, null, null,
                    null))
            .build());

    @BeforeAll
    static void startService() {
        service = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().containerThreads(10)
                .jettyAcceptors(1));
        service.start();
        // A first exchange warms the server up, so a cold start under load is not mistaken for a hang.
        try {
            java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(service.baseUrl() + "/warm-up")).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding());
        } catch (Exception e) {
            throw new IllegalStateException("the fake service does not answer", e);
        }
    }

    @AfterAll
    static void stopService() {
        service.stop();
    }

    @BeforeEach
    void reset() {
        service.resetAll();
    }

    @Test
    void aHardRunCallsDeleteOnTheSubjectsUrlAndA2xxWithoutAPointerCountsOne() throws Exception {
        service.stubFor(delete("/users/1001").willReturn(aResponse().withStatus(204)));

        long items = cleaner().clean(hard("1001"));

        assertThat(items).isEqualTo(1);
        LoggedRequest request = onlyRequest();
        assertThat(request.getMethod().getName()).isEqualTo("DELETE");
        assertThat(request.getUrl()).isEqualTo("/users/1001");
    }

    @Test
    void theItemsPointerReadsTheCountFromTheResponse() throws Exception {
        service.stubFor(delete("/users/1001").willReturn(okJson("{\"result\":{\"deleted\":3}}")));

        long items = cleaner("items-pointer", "/result/deleted").clean(hard("1001"));

        assertThat(items).isEqualTo(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"result\":{\"deleted\":-1}}", "{\"result\":{\"deleted\":\"3\"}}",
            "{\"result\":{\"deleted\":2.5}}", "{\"result\":{}}", "{\"result\":{\"deleted\":99999999999999999999}}",
            "deleted 3", ""})
    void a2xxWithoutANonNegativeIntegerAtThePointerIsAPermanentFailure(String body) {
        service.stubFor(delete("/users/1001").willReturn(aResponse().withStatus(200).withBody(body)));
        Cleaner cleaner = cleaner("items-pointer", "/result/deleted");

        assertThatThrownBy(() -> cleaner.clean(hard("1001")))
                .isInstanceOfSatisfying(HttpCallFailure.class, failure -> {
                    assertThat(failure.isTransient()).isFalse();
                    assertThat(HttpFailures.isTransient(failure)).isFalse();
                    assertThat(failure.getMessage()).startsWith("lethe.resources.orders.items-pointer: the HTTP 200");
                });
    }

    @Test
    void aResponseTooLargeToHoldACountIsAPermanentFailure() {
        service.stubFor(delete("/users/1001").willReturn(okJson("{\"deleted\":1,\"padding\":\""
                + "x".repeat(HttpCleaner.MAX_COUNTED_RESPONSE_BYTES) + "\"}")));
        Cleaner cleaner = cleaner("items-pointer", "/deleted");

        assertThatThrownBy(() -> cleaner.clean(hard("1001")))
                .isInstanceOfSatisfying(HttpCallFailure.class, failure -> assertThat(failure.isTransient()).isFalse())
                .hasMessageContaining("larger than");
    }

    @ParameterizedTest
    @ValueSource(ints = {404, 410})
    void theDefaultNothingFoundStatusesCountZero(int status) throws Exception {
        service.stubFor(delete("/users/1001").willReturn(aResponse().withStatus(status).withBody("{\"deleted\":5}")));

        assertThat(cleaner("items-pointer", "/deleted").clean(hard("1001"))).isZero();
    }

    @Test
    void nothingFoundStatusesCanBeConfigured() throws Exception {
        service.stubFor(delete("/users/1001").willReturn(aResponse().withStatus(422)));
        service.stubFor(delete("/users/1002").willReturn(aResponse().withStatus(404)));
        Cleaner cleaner = cleaner("nothing-found-statuses", "422");

        assertThat(cleaner.clean(hard("1001"))).isZero();
        assertThatThrownBy(() -> cleaner.clean(hard("1002")))
                .isInstanceOfSatisfying(HttpCallFailure.class, failure -> assertThat(failure.isTransient()).isFalse());
    }

    @Test
    void a429IsTransientAndCarriesItsRetryAfterInSeconds() {
        service.stubFor(delete("/users/1001").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")));

        assertThatThrownBy(() -> cleaner().clean(hard("1001")))
                .isInstanceOfSatisfying(HttpCallFailure.class, failure -> {
                    assertThat(HttpFailures.isTransient(failure)).isTrue();
                    assertThat(failure.retryAfter()).contains(Duration.ofSeconds(7));
                    assertThat(failure.getMessage()).isEqualTo(
                            "lethe.resources.orders: DELETE answered HTTP 429 (transient, Retry-After 7 s)");
                });
    }

    @Test
    void a429sRetryAfterMayBeAnHttpDate() {
        service.stubFor(delete("/users/1001").willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT")));

        assertThatThrownBy(() -> cleaner().clean(hard("1001")))
                .isInstanceOfSatisfying(HttpCallFailure.class,
                        failure -> assertThat(failure.retryAfter()).contains(Duration.ofSeconds(60)));
    }

    @Test
    void a429WithoutARetryAfterIsLeftToTheLedgersBackoffNotRetriedWithinTheCall() {
        service.stubFor(delete("/users/1001").willReturn(aResponse().withStatus(429)));

        assertThatThrownBy(() -> cleaner().clean(hard("1001")))
                .isInstanceOfSatisfying(HttpCallFailure.class, failure -> {
                    assertThat(failure.isTransient()).isTrue();
                    assertThat(failure.retryAfter()).contains(Duration.ZERO);
                });
    }

    @Test
    void aRetryAfterLongerThanTheMaximumIsCutToIt() {
        service.stubFor(delete("/users/1001").willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "86400")));

        assertThatThrownBy(() -> cleaner("max-retry-after", "2m").clean(hard("1001")))
                .isInstanceOfSatisfying(HttpCallFailure.class,
                        failure -> assertThat(failure.retryAfter()).contains(Duration.ofMinutes(2)));
    }

    @ParameterizedTest
    @CsvSource({"500,", "502,", "503,", "503,30", "504,"})
    void fiveHundredsAreTransientAndA503sRetryAfterIsHonoured(int status, String retryAfter) {
        var response = aResponse().withStatus(status);
        if (retryAfter != null) {
            response.withHeader("Retry-After", retryAfter);
        }
        service.stubFor(delete("/users/1001").willReturn(response));

        assertThatThrownBy(() -> cleaner().clean(hard("1001")))
                .isInstanceOfSatisfying(HttpCallFailure.class, failure -> {
                    assertThat(HttpFailures.isTransient(failure)).isTrue();
                    assertThat(failure.retryAfter()).isEqualTo(retryAfter == null ? java.util.Optional.empty()
                            : java.util.Optional.of(Duration.ofSeconds(Long.parseLong(retryAfter))));
                });
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 405, 409, 422})
    void otherFourHundredsArePermanent(int status) {
        service.stubFor(delete("/users/1001").willReturn(aResponse().withStatus(status)));

        assertThatThrownBy(() -> cleaner().clean(hard("1001")))
                .isInstanceOfSatisfying(HttpCallFailure.class, failure -> {
                    assertThat(HttpFailures.isTransient(failure)).isFalse();
                    assertThat(failure.status()).isEqualTo(status);
                });
    }

    @Test
    void aRedirectIsNeverFollowedAndFailsTheCall() {
        service.stubFor(delete("/users/1001").willReturn(aResponse().withStatus(307)
                .withHeader("Location", service.baseUrl() + "/everyone")));
        service.stubFor(any(urlEqualTo("/everyone")).willReturn(aResponse().withStatus(204)));

        assertThatThrownBy(() -> cleaner().clean(hard("1001")))
                .isInstanceOfSatisfying(HttpCallFailure.class, failure -> assertThat(failure.isTransient()).isFalse());
        assertThat(onlyRequest().getUrl()).isEqualTo("/users/1001");
    }

    @Test
    void aServiceThatHangsPastTheCallTimeLimitIsATransientTimeout() {
        service.stubFor(delete("/users/1001").willReturn(aResponse().withStatus(204).withFixedDelay(6_000)));
        long started = System.nanoTime();

        assertThatThrownBy(() -> cleaner().clean(hard("1001")))
                .satisfies(error -> assertThat(HttpFailures.isTransient(error)).isTrue());

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(CALL_TIMEOUT.plusSeconds(2));
    }

    @Test
    void aRefusedConnectionIsTransient() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        Cleaner cleaner = factory.create(orders, settingsFrom(Map.of("lethe.resources.orders.url",
                "http://127.0.0.1:" + closedPort + "/users/{id}")));

        assertThatThrownBy(() -> cleaner.clean(hard("1001")))
                .satisfies(error -> {
                    assertThat(SafeErrors.find(error, ConnectException.class)).isNotNull();
                    assertThat(HttpFailures.isTransient(error)).isTrue();
                });
    }

    @Test
    void headersAreSentWithEnvironmentVariablesResolved() throws Exception {
        service.stubFor(delete("/users/1001").willReturn(aResponse().withStatus(204)));

        cleaner("headers.Authorization", "Bearer ${ORDERS_TOKEN}", "headers.X-Api-Version", "2").clean(hard("1001"));

        LoggedRequest request = onlyRequest();
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer s3cret-token");
        assertThat(request.getHeader("X-Api-Version")).isEqualTo("2");
    }

    @Test
    void theBodyCarriesTheSubjectsValuesJsonEscaped() throws Exception {
        service.stubFor(post("/erasures").willReturn(aResponse().withStatus(202)));
        String id = "10\"01\\\n, \"admin\": true";

        cleaner("url", service.baseUrl() + "/erasures", "method", "POST",
                "body", "{\"userId\": \"{id}\", \"tenant\": \"{tenant}\", \"hash\": \"{sha256}\"}")
                .clean(new CleanCommand(new Subject("user", id, "acme"), Mode.HARD, false));

        LoggedRequest request = onlyRequest();
        assertThat(request.getMethod().getName()).isEqualTo("POST");
        assertThat(request.getHeader("Content-Type")).isEqualTo("application/json");
        var json = tools.jackson.databind.json.JsonMapper.builder().build().readTree(request.getBodyAsString());
        assertThat(json.properties()).hasSize(3);
        assertThat(json.path("userId").asString()).isEqualTo(id);
        assertThat(json.path("tenant").asString()).isEqualTo("acme");
        assertThat(json.path("hash").asString()).hasSize(64);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "a/b|/users/a%2Fb/orders",
            "a?b=c|/users/a%3Fb%3Dc/orders",
            "a#b|/users/a%23b/orders",
            "a&admin=true|/users/a%26admin%3Dtrue/orders",
            "../admin|/users/..%2Fadmin/orders",
            "..\\..\\admin|/users/..%5C..%5Cadmin/orders",
            "*|/users/%2A/orders",
            "x y+z|/users/x%20y%2Bz/orders",
            "%2F|/users/%252F/orders",
            "jürgen|/users/j%C3%BCrgen/orders",
            "john.doe|/users/john.doe/orders"})
    void anIdReachesOnlyItsOwnPathSegment(String id, String expectedPath) throws Exception {
        service.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(204)));

        cleaner("url", service.baseUrl() + "/users/{id}/orders").clean(hard(id));

        LoggedRequest request = onlyRequest();
        assertThat(request.getUrl()).isEqualTo(expectedPath);
        assertThat(request.getQueryParams()).isEmpty();
    }

    @Test
    void anIdReachesOnlyItsOwnQueryValue() throws Exception {
        service.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(204)));

        cleaner("url", service.baseUrl() + "/erase?user={id}&tenant={tenant}&mode=hard")
                .clean(new CleanCommand(new Subject("user", "1&mode=all#x", "ac me"), Mode.HARD, false));

        LoggedRequest request = onlyRequest();
        assertThat(request.getUrl()).isEqualTo("/erase?user=1%26mode%3Dall%23x&tenant=ac%20me&mode=hard");
        assertThat(request.queryParameter("user").firstValue()).isEqualTo("1&mode=all#x");
        assertThat(request.queryParameter("mode").values()).containsExactly("hard");
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", "."})
    void anIdThatWouldBeADotSegmentIsRefusedWithoutACall(String id) {
        service.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(204)));

        assertThatThrownBy(() -> cleaner("url", service.baseUrl() + "/users/{id}").clean(hard(id)))
                .isInstanceOfSatisfying(HttpCallFailure.class, failure -> {
                    assertThat(failure.isTransient()).isFalse();
                    assertThat(SafeErrors.describe(failure)).startsWith("HttpCallFailure: lethe.resources.orders.url:");
                });
        assertThat(service.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void anAbsentTenantThatWouldLeaveAnEmptyPathSegmentIsRefused() {
        assertThatThrownBy(() -> cleaner("url", service.baseUrl() + "/tenants/{tenant}/users/{id}")
                .clean(hard("1001")))
                .isInstanceOf(HttpCallFailure.class);
        assertThat(service.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void aDryRunGetsTheSameUrlByDefaultAndChangesNothing() throws Exception {
        service.stubFor(get("/users/1001").willReturn(aResponse().withStatus(200)));
        service.stubFor(get("/users/1002").willReturn(aResponse().withStatus(404)));
        Cleaner cleaner = cleaner("items-pointer", "/deleted");

        assertThat(cleaner.clean(dryRun("1001"))).isEqualTo(1);
        assertThat(cleaner.clean(dryRun("1002"))).isZero();

        assertThat(service.findAll(anyRequestedFor(anyUrl())))
                .extracting(request -> request.getMethod().getName()).containsOnly("GET");
    }

    @Test
    void aConfiguredDryRunCallCountsAtItsOwnPointer() throws Exception {
        service.stubFor(post("/users/1001/erasure-preview").willReturn(okJson("{\"would\":{\"delete\":4}}")));

        long items = cleaner("dry-run.method", "POST", "dry-run.url", service.baseUrl() + "/users/{id}/erasure-preview",
                "dry-run.items-pointer", "/would/delete").clean(dryRun("1001"));

        assertThat(items).isEqualTo(4);
        assertThat(onlyRequest().getMethod().getName()).isEqualTo("POST");
    }

    @Test
    void withoutASoftCallSoftIsNotSupportedAndNeverErases() {
        Cleaner cleaner = cleaner();

        assertThat(cleaner.supportsSoftDelete()).isFalse();
        assertThatThrownBy(() -> cleaner.clean(new CleanCommand(subject("1001"), Mode.SOFT, false)))
                .isInstanceOf(IllegalStateException.class);
        assertThat(service.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void aSoftRunMakesTheSoftCall() throws Exception {
        service.stubFor(patch(urlEqualTo("/users/1001")).willReturn(okJson("{\"marked\":2}")));
        Cleaner cleaner = cleaner("soft.method", "PATCH", "soft.body", "{\"deleted\": true, \"by\": \"{type}\"}",
                "soft.items-pointer", "/marked");

        long items = cleaner.clean(new CleanCommand(subject("1001"), Mode.SOFT, false));

        assertThat(cleaner.supportsSoftDelete()).isTrue();
        assertThat(items).isEqualTo(2);
        LoggedRequest request = onlyRequest();
        assertThat(request.getMethod().getName()).isEqualTo("PATCH");
        assertThat(request.getBodyAsString()).isEqualTo("{\"deleted\":true,\"by\":\"user\"}");
    }

    @Test
    void severalSubjectsAreOneCallEachInOrder() throws Exception {
        service.stubFor(delete("/users/1").willReturn(aResponse().withStatus(204)));
        service.stubFor(delete("/users/2").willReturn(aResponse().withStatus(404)));

        List<Long> items = cleaner().cleanAll(List.of(hard("1"), hard("2")));

        assertThat(items).containsExactly(1L, 0L);
        assertThat(service.findAll(anyRequestedFor(anyUrl()))).extracting(LoggedRequest::getUrl)
                .containsExactly("/users/1", "/users/2");
    }

    @Test
    void noFailureDescriptionHoldsTheSubjectsValue() {
        String id = "secret-subject-4711";
        service.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(403).withBody(id)));

        assertThatThrownBy(() -> cleaner("items-pointer", "/deleted").clean(hard(id)))
                .satisfies(error -> {
                    assertThat(SafeErrors.describe(error)).doesNotContain(id)
                            .isEqualTo("HttpCallFailure: lethe.resources.orders: DELETE answered HTTP 403 (permanent)");
                    assertThat(error.getMessage()).doesNotContain(id);
                });
    }

    private Cleaner cleaner(String... settings) {
        Map<String, String> properties = new HashMap<>();
        properties.put("lethe.resources.orders.url", service.baseUrl() + "/users/{id}");
        for (int i = 0; i < settings.length; i += 2) {
            properties.put("lethe.resources.orders." + settings[i], settings[i + 1]);
        }
        return factory.create(orders, settingsFrom(properties));
    }

    private static LoggedRequest onlyRequest() {
        List<LoggedRequest> requests = service.findAll(anyRequestedFor(anyUrl()));
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }

    private static CleanCommand hard(String id) {
        return new CleanCommand(subject(id), Mode.HARD, false);
    }

    private static CleanCommand dryRun(String id) {
        return new CleanCommand(subject(id), Mode.HARD, true);
    }

    private static Subject subject(String id) {
        return new Subject("user", id, "");
    }
}
