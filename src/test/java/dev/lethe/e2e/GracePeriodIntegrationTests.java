package dev.lethe.e2e;

import static dev.lethe.testsupport.AuditAssertions.assertThatEvents;
import static dev.lethe.testsupport.DeletionRequests.aDeletionRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lethe.deadletter.DeadLetterHeaders;
import dev.lethe.ledger.ClaimedTask;
import dev.lethe.ledger.TaskKey;
import dev.lethe.ledger.TaskLease;
import dev.lethe.ledger.TaskLedger;
import dev.lethe.testsupport.AppDatabase;
import dev.lethe.testsupport.AuditLog;
import dev.lethe.testsupport.DeadLetterLog;
import dev.lethe.testsupport.DeletionRequests;
import dev.lethe.testsupport.FlakyBackend;
import dev.lethe.testsupport.LetheIntegrationTest;
import dev.lethe.testsupport.RequestSender;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A grace period: nothing runs before a request's executeAfter, and a cancel record until its tasks start ends it
 * REQUEST_CANCELLED with nothing erased; a cancel after that is dead-lettered and the request ends on its own.
 *
 * <p>Cancels in time use a grace period of an hour, so that how fast a busy machine reads the request and the cancel
 * cannot make a cancel late; what would happen once the hour is over is asked of the ledger by a claim as of then.
 */
@LetheIntegrationTest
class GracePeriodIntegrationTests {

    private static final Duration GRACE = Duration.ofSeconds(5);
    private static final Duration LONG_GRACE = Duration.ofHours(1);

    @Autowired
    RequestSender requests;
    @Autowired
    AuditLog audit;
    @Autowired
    DeadLetterLog deadLetters;
    @Autowired
    AppDatabase app;
    @Autowired
    FlakyBackend backend;
    @Autowired
    JdbcClient ledger;
    @Autowired
    TaskLedger tasks;
    @Autowired
    TransactionTemplate transactions;

    @Test
    void runsNothingBeforeExecuteAfterAndCompletesAfterIt() {
        long user = app.newUser();
        Instant executeAfter = Instant.now().plus(GRACE.multipliedBy(2)).truncatedTo(ChronoUnit.MILLIS);
        DeletionRequests request = aDeletionRequest().forSubject(user).executeAfter(executeAfter);

        requests.send(request);

        JsonNode accepted = awaitAccepted(request);
        assertThat(Instant.parse(accepted.path("executeAfter").asString())).isEqualTo(executeAfter);
        // Watched while there is time left before executeAfter (on a slow machine less than 3 s, or none); the ledger's
        // first attempts below hold whatever the watch saw.
        Duration watch = Duration.between(Instant.now(), executeAfter).minusSeconds(1);
        if (watch.compareTo(Duration.ofSeconds(3)) > 0) {
            watch = Duration.ofSeconds(3);
        }
        if (!watch.isNegative() && !watch.isZero()) {
            await().during(watch).atMost(watch.plusSeconds(5)).until(() -> nothingRanFor(request, user));
        }

        List<JsonNode> events = audit.awaitTerminal(request.requestId());
        assertThatEvents(events).endWith("REQUEST_COMPLETED");
        assertThat(events).filteredOn(event -> event.path("type").asString().startsWith("TASK_"))
                .isNotEmpty()
                .allSatisfy(task -> assertThat(Instant.parse(task.path("occurredAt").asString())).isAfterOrEqualTo(executeAfter));
        assertThat(ledger.sql("select first_attempt_at from deletion_task where request_id = ?")
                .param(request.requestId()).query(OffsetDateTime.class).list())
                .as("first attempts of the request's tasks").isNotEmpty()
                .allSatisfy(firstAttempt -> assertThat(firstAttempt.toInstant()).isAfterOrEqualTo(executeAfter));
        assertThat(app.rows("users", user)).isZero();
        assertThat(app.rows("chat_messages", user)).isZero();
    }

    @Test
    void aCancelBeforeExecuteAfterEndsTheRequestCancelledWithNothingErased() {
        long user = app.newUser();
        Instant executeAfter = Instant.now().plus(LONG_GRACE);
        DeletionRequests request = aDeletionRequest().forSubject(user).executeAfter(executeAfter);
        requests.send(request);
        awaitAccepted(request);

        requests.send(request.aCancel());

        assertThatEvents(audit.awaitTerminal(request.requestId())).haveTypes("REQUEST_ACCEPTED", "REQUEST_CANCELLED");
        // Once executeAfter has passed, still nothing runs: a claim of the request's tasks as of a second after it
        // takes none of them (rolled back whatever it took, so that no other test's work is touched).
        Instant pastExecuteAfter = executeAfter.plusSeconds(1);
        List<TaskKey> keys = ledger.sql("select resource from deletion_task where request_id = ?").param(request.requestId())
                .query(String.class).list().stream().map(resource -> new TaskKey(request.requestId(), resource)).toList();
        List<ClaimedTask> claimed = transactions.execute(status -> {
            status.setRollbackOnly();
            return tasks.claimReady(keys, new TaskLease("grace-test", pastExecuteAfter.plusSeconds(20)), pastExecuteAfter);
        });
        assertThat(keys).isNotEmpty();
        assertThat(claimed).isEmpty();
        assertThat(audit.eventsOf(request.requestId())).hasSize(2);
        assertThat(app.rows("users", user)).isEqualTo(1);
        assertThat(app.rows("chat_messages", user)).isEqualTo(AppDatabase.CHATS_PER_USER * AppDatabase.MESSAGES_PER_CHAT);
        assertThat(ledger.sql("select status from deletion_task where request_id = ?").param(request.requestId())
                .query(String.class).list()).isNotEmpty().containsOnly("CANCELLED");
        assertThat(ledger.sql("select status || ':' || (payload is null) from deletion_request where request_id = ?")
                .param(request.requestId()).query(String.class).single()).isEqualTo("CANCELLED:true");
    }

    @Test
    void aRedeliveredCancelOfACancelledRequestIsIgnored() {
        long user = app.newUser();
        DeletionRequests request = aDeletionRequest().forSubject(user).executeAfter(Instant.now().plus(LONG_GRACE));
        requests.send(request);
        awaitAccepted(request);
        requests.send(request.aCancel());
        audit.awaitTerminal(request.requestId());

        requests.send(request.aCancel());
        requests.send(request);

        // Same subject, so same key and partition: once its dead letter is there, the two records before were read.
        DeletionRequests marker = aDeletionRequest().forSubject(user).cancel();
        requests.send(marker);
        deadLetters.awaitRecord(letter -> marker.requestId().equals(DeadLetterLog.header(letter, DeadLetterHeaders.REQUEST_ID)));
        assertThat(deadLetters.records()).noneMatch(letter -> request.requestId()
                .equals(DeadLetterLog.header(letter, DeadLetterHeaders.REQUEST_ID)));
        assertThatEvents(audit.eventsOf(request.requestId())).haveTypes("REQUEST_ACCEPTED", "REQUEST_CANCELLED");
    }

    @Test
    void aCancelAfterTheRequestCompletedIsDeadLetteredTooLate() {
        long user = app.newUser();
        DeletionRequests request = aDeletionRequest().forSubject(user);
        requests.send(request);
        audit.awaitTerminal(request.requestId());

        requests.send(request.aCancel());

        ConsumerRecord<byte[], byte[]> letter = awaitDeadLetterOf(request);
        assertThat(DeadLetterLog.header(letter, DeadLetterHeaders.ERROR)).isEqualTo("CANCEL_TOO_LATE");
        assertThat(DeadLetterLog.value(letter)).contains("\"cancel\":true");
        assertThatEvents(audit.eventsOf(request.requestId())).endWith("REQUEST_COMPLETED");
        assertThat(app.rows("users", user)).isZero();
    }

    @Test
    void aCancelAfterATaskStartedIsTooLateAndTheRequestRunsToItsEnd() {
        String owner = app.newNoteOwner("member", 2);
        DeletionRequests request = aDeletionRequest().forSubject(owner).ofType("member");
        backend.goDown();
        try {
            requests.send(request);
            // The task was attempted against the backend that is down, and waits to be tried again.
            await().atMost(Duration.ofSeconds(30)).until(() -> ledger.sql(
                    "select count(*) from deletion_task where request_id = ? and attempts > 0 and status = 'PENDING'")
                    .param(request.requestId()).query(Long.class).single() > 0);

            requests.send(request.aCancel());

            ConsumerRecord<byte[], byte[]> letter = awaitDeadLetterOf(request);
            assertThat(DeadLetterLog.header(letter, DeadLetterHeaders.ERROR)).isEqualTo("CANCEL_TOO_LATE");
            assertThat(DeadLetterLog.header(letter, DeadLetterHeaders.ERROR_DETAIL)).doesNotContain(owner);
            assertThat(audit.eventsOf(request.requestId())).noneMatch(AuditLog::isTerminal);
        } finally {
            backend.comeBack();
        }

        assertThatEvents(audit.awaitTerminal(request.requestId())).endWith("REQUEST_COMPLETED");
        assertThat(app.notes(owner)).isZero();
    }

    @Test
    void aCancelOfAnUnknownRequestIsDeadLettered() {
        DeletionRequests cancel = aDeletionRequest().forSubject(app.newUser()).cancel();

        requests.send(cancel);

        ConsumerRecord<byte[], byte[]> letter = awaitDeadLetterOf(cancel);
        assertThat(DeadLetterLog.header(letter, DeadLetterHeaders.ERROR)).isEqualTo("CANCEL_UNKNOWN_REQUEST");
        assertThat(audit.eventsOf(cancel.requestId())).isEmpty();
    }

    @Test
    void aCancelNamingAnotherSubjectIsAConflictAndCancelsNothing() {
        long user = app.newUser();
        DeletionRequests request = aDeletionRequest().forSubject(user).executeAfter(Instant.now().plus(GRACE));
        requests.send(request);
        awaitAccepted(request);

        requests.send(aDeletionRequest().withRequestId(request.requestId()).forSubject(app.newUser()).cancel());

        assertThat(DeadLetterLog.header(awaitDeadLetterOf(request), DeadLetterHeaders.ERROR)).isEqualTo("REQUEST_ID_CONFLICT");
        assertThatEvents(audit.awaitTerminal(request.requestId())).endWith("REQUEST_COMPLETED");
        assertThat(app.rows("users", user)).isZero();
    }

    private JsonNode awaitAccepted(DeletionRequests request) {
        await().atMost(Duration.ofSeconds(30)).until(() -> audit.eventsOf(request.requestId()).stream()
                .anyMatch(event -> event.path("type").asString().equals("REQUEST_ACCEPTED")));
        return audit.eventsOf(request.requestId()).get(0);
    }

    private boolean nothingRanFor(DeletionRequests request, long user) {
        return audit.eventsOf(request.requestId()).size() == 1
                && app.rows("users", user) == 1 && app.rows("chat_messages", user) > 0;
    }

    private ConsumerRecord<byte[], byte[]> awaitDeadLetterOf(DeletionRequests request) {
        return deadLetters.awaitRecord(letter -> request.requestId()
                .equals(DeadLetterLog.header(letter, DeadLetterHeaders.REQUEST_ID)));
    }
}
