package dev.lethe.e2e;

import static dev.lethe.testsupport.AuditAssertions.assertThatEvents;
import static dev.lethe.testsupport.DeadLetterLog.header;
import static dev.lethe.testsupport.DeletionRequests.aDeletionRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lethe.deadletter.DeadLetterHeaders;
import dev.lethe.ledger.RequestRepository;
import dev.lethe.ledger.RequestStatus;
import dev.lethe.testsupport.AppDatabase;
import dev.lethe.testsupport.AuditLog;
import dev.lethe.testsupport.DeadLetterLog;
import dev.lethe.testsupport.DeletionRequests;
import dev.lethe.testsupport.LetheIntegrationTest;
import dev.lethe.testsupport.RequestSender;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Contract guarantee 3: a request that ended is never executed again. */
@LetheIntegrationTest
class IdempotencyIntegrationTests {

    @Autowired
    RequestSender requests;
    @Autowired
    AuditLog audit;
    @Autowired
    DeadLetterLog deadLetters;
    @Autowired
    AppDatabase app;
    @Autowired
    RequestRepository ledger;

    @Test
    void aDuplicateDeliveryErasesNothingTwiceAndWritesNoNewEvent() {
        long user = app.newUser();
        DeletionRequests request = aDeletionRequest().forSubject(user);
        requests.send(request);
        requests.send(request);
        List<JsonNode> first = audit.awaitTerminal(request.requestId());

        // New data for the same subject after completion, then the same request again: it must not run.
        app.seedAgain(user);
        requests.send(request);
        DeletionRequests marker = aDeletionRequest().forSubject(app.newUser());
        requests.send(request.subjectId(), marker.toJson());
        audit.awaitTerminal(marker.requestId());

        List<JsonNode> all = audit.eventsOf(request.requestId());
        assertThat(all.stream().map(e -> e.path("eventId").asString()).distinct().toList())
                .as("distinct eventIds after three deliveries")
                .containsExactlyElementsOf(first.stream().map(e -> e.path("eventId").asString()).distinct().toList());
        assertThatEvents(first).endWith("REQUEST_COMPLETED").haveTask("posts", "DELETED", AppDatabase.POSTS_PER_USER);
        assertThat(app.rows("posts", user)).as("posts added after completion are still there")
                .isEqualTo(AppDatabase.POSTS_PER_USER);
        assertThat(app.rows("users", user)).isEqualTo(1);
        assertThat(ledger.findById(request.requestId()).orElseThrow().status()).isEqualTo(RequestStatus.COMPLETED);
    }

    @Test
    void aDryRunIdIsFinalToo() {
        long user = app.newUser();
        DeletionRequests dryRun = aDeletionRequest().forSubject(user).dryRun();
        requests.send(dryRun);
        audit.awaitTerminal(dryRun.requestId());

        DeletionRequests realRunWithSameId = aDeletionRequest().withRequestId(dryRun.requestId()).forSubject(user);
        requests.send(realRunWithSameId);
        DeletionRequests marker = aDeletionRequest().forSubject(user).dryRun();
        requests.send(String.valueOf(user), marker.toJson());
        audit.awaitTerminal(marker.requestId());

        assertThat(app.rows("users", user)).isEqualTo(1);
        assertThat(audit.eventsOf(dryRun.requestId()).stream().filter(AuditLog::isTerminal)).hasSize(1);
    }

    @Test
    void deadLettersARequestIdReusedForAnotherSubject() {
        long user = app.newUser();
        long other = app.newUser();
        DeletionRequests request = aDeletionRequest().forSubject(user);
        requests.send(request);
        audit.awaitTerminal(request.requestId());

        requests.send(aDeletionRequest().withRequestId(request.requestId()).forSubject(other));

        var record = deadLetters.awaitRecord(r -> request.requestId().equals(header(r, DeadLetterHeaders.REQUEST_ID)));
        assertThat(header(record, DeadLetterHeaders.ERROR)).isEqualTo("REQUEST_ID_CONFLICT");
        assertThat(app.rows("users", other)).isEqualTo(1);
    }

    @Test
    void keepsPerRequestEventsOnOnePartitionInOrder() {
        DeletionRequests request = aDeletionRequest().forSubject(app.newUser());
        requests.send(request);
        audit.awaitTerminal(request.requestId());

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(audit.rawRecords().stream()
                .filter(r -> request.requestId().equals(new String(r.key())))
                .map(r -> r.partition()).distinct()).hasSize(1));
    }
}
