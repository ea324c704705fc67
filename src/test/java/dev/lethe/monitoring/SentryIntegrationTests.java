package dev.lethe.monitoring;

import static dev.lethe.testsupport.AuditAssertions.assertThatEvents;
import static dev.lethe.testsupport.DeletionRequests.aDeletionRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lethe.testsupport.AppDatabase;
import dev.lethe.testsupport.AuditLog;
import dev.lethe.testsupport.DeletionRequests;
import dev.lethe.testsupport.FakeSentry;
import dev.lethe.testsupport.FlakyBackend;
import dev.lethe.testsupport.LetheIntegrationTest;
import dev.lethe.testsupport.RequestSender;
import io.micrometer.core.instrument.MeterRegistry;
import io.sentry.Sentry;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Errors and request traces reach Sentry (a local stand-in for its ingest) with the tags operators alert on, and
 * nothing sent holds a subject's raw id or tenant.
 */
@LetheIntegrationTest
@TestPropertySource(properties = {"sentry.traces-sample-rate=1.0", "lethe.monitoring.slow-request=5s"})
class SentryIntegrationTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final FakeSentry SENTRY = FakeSentry.start();

    @Autowired
    RequestSender requests;
    @Autowired
    AuditLog audit;
    @Autowired
    AppDatabase app;
    @Autowired
    FlakyBackend flaky;
    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void reportToTheFakeSentry(DynamicPropertyRegistry registry) {
        registry.add("sentry.dsn", SENTRY::dsn);
    }

    /** Sentry's SDK is global: other test contexts of this JVM go back to a disabled one. */
    @AfterAll
    static void stopReporting() {
        Sentry.close();
        SENTRY.close();
    }

    @Test
    void sendsATransactionPerRequestWithASpanPerTaskAndNoSubjectData() {
        String subject = "subject-" + UUID.randomUUID();
        String tenant = "tenant-" + UUID.randomUUID();
        DeletionRequests request = aDeletionRequest().forSubject(subject).inTenant(tenant);

        requests.send(request);

        assertThatEvents(audit.awaitTerminal(request.requestId())).endWith("REQUEST_COMPLETED");
        JsonNode transaction = awaitTransactionOf(request);
        assertThat(transaction.path("transaction").asString()).isEqualTo("lethe.request");
        assertThat(transaction.path("contexts").path("trace").path("op").asString()).isEqualTo("lethe.request");
        assertThat(transaction.path("contexts").path("trace").path("status").asString()).isEqualTo("ok");
        assertThat(transaction.path("tags").path("slow").asString()).isEqualTo("false");
        assertThat(transaction.path("tags").path("subject.ref").asString()).hasSize(64);
        assertThat(spans(transaction)).extracting(span -> span.path("description").asString())
                .containsExactlyInAnyOrder("chat_messages", "chats", "posts", "sessions", "users");
        assertThat(spans(transaction)).allSatisfy(span -> {
            assertThat(span.path("op").asString()).isEqualTo("lethe.task");
            assertThat(span.path("status").asString()).isEqualTo("ok");
            assertThat(span.path("start_timestamp").asDouble())
                    .isBetween(transaction.path("start_timestamp").asDouble(), span.path("timestamp").asDouble());
            assertThat(span.path("timestamp").asDouble()).isLessThanOrEqualTo(transaction.path("timestamp").asDouble());
        });
        assertThat(SENTRY.bodies()).allSatisfy(body -> assertThat(body).doesNotContain(subject).doesNotContain(tenant));
    }

    @Test
    void reportsAFailedTaskWithItsResourceAndErrorKindAndFailsTheTransaction() {
        app.update("drop table if exists device_history"); // a permanent error: device_audit_copy is held back
        String device = "device-" + UUID.randomUUID();
        DeletionRequests request = aDeletionRequest().forSubject(device).ofType("device");

        requests.send(request);

        assertThatEvents(audit.awaitTerminal(request.requestId())).endWith("REQUEST_FAILED");
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(SENTRY.items("event"))
                .anySatisfy(event -> {
                    assertThat(event.path("tags").path("resource").asString()).isEqualTo("device_history");
                    assertThat(event.path("tags").path("error.kind").asString()).isEqualTo("permanent");
                    assertThat(event.path("message").path("message").asString()).contains("42P01");
                }));
        JsonNode transaction = awaitTransactionOf(request);
        assertThat(transaction.path("contexts").path("trace").path("status").asString()).isEqualTo("internal_error");
        assertThat(spans(transaction)).extracting(span -> span.path("description").asString() + ":"
                + span.path("status").asString())
                .containsExactly("device_tokens:ok", "device_history:internal_error", "device_audit_copy:cancelled");
        assertThat(SENTRY.bodies()).allSatisfy(body -> assertThat(body).doesNotContain(device));
    }

    @Test
    void flagsARequestSlowerThanTheThreshold() {
        String owner = app.newNoteOwner("member-" + UUID.randomUUID(), 1);
        DeletionRequests request = aDeletionRequest().forSubject(owner).ofType("member");
        flaky.goDown();
        try {
            requests.send(request);
            await().atMost(TIMEOUT).until(() -> meters.find("lethe.requests.oldest.open.age").gauge().value() > 6);
        } finally {
            flaky.comeBack();
        }

        assertThatEvents(audit.awaitTerminal(request.requestId())).endWith("REQUEST_COMPLETED");
        JsonNode transaction = awaitTransactionOf(request);
        assertThat(transaction.path("tags").path("slow").asString()).isEqualTo("true");
        assertThat(transaction.path("timestamp").asDouble() - transaction.path("start_timestamp").asDouble())
                .isGreaterThan(5.0);
        assertThat(SENTRY.bodies()).allSatisfy(body -> assertThat(body).doesNotContain(owner));
    }

    private JsonNode awaitTransactionOf(DeletionRequests request) {
        return await().atMost(TIMEOUT).until(() -> SENTRY.items("transaction").stream()
                .filter(t -> request.requestId().equals(t.path("tags").path("request.id").asString()))
                .findFirst().orElse(null), found -> found != null);
    }

    private static List<JsonNode> spans(JsonNode transaction) {
        return transaction.path("spans").valueStream().toList();
    }
}
