package dev.lethe.e2e;

import static dev.lethe.testsupport.AppDatabase.CHATS_PER_USER;
import static dev.lethe.testsupport.AppDatabase.MESSAGES_PER_CHAT;
import static dev.lethe.testsupport.AppDatabase.POSTS_PER_USER;
import static dev.lethe.testsupport.DeletionRequests.aDeletionRequest;
import static dev.lethe.testsupport.AuditAssertions.assertThatEvents;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.ledger.LedgerRequest;
import dev.lethe.ledger.RequestRepository;
import dev.lethe.testsupport.AppDatabase;
import dev.lethe.testsupport.AuditLog;
import dev.lethe.testsupport.DeletionRequests;
import dev.lethe.testsupport.LetheIntegrationTest;
import dev.lethe.testsupport.RequestSender;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** What a request erases, in which order and how, end to end through Kafka and PostgreSQL. */
@LetheIntegrationTest
class ErasureIntegrationTests {

    private static final List<String> ALL_TABLES = List.of("chat_messages", "chats", "posts", "sessions", "users");

    @Autowired
    RequestSender requests;
    @Autowired
    AuditLog audit;
    @Autowired
    AppDatabase app;
    @Autowired
    RequestRepository ledger;

    @Test
    void erasesEveryResourceDependenciesFirst() {
        long user = app.newUser();
        long bystander = app.newUser();
        DeletionRequests request = aDeletionRequest().forSubject(user);

        requests.send(request);
        List<JsonNode> events = audit.awaitTerminal(request.requestId());

        // chats runs only after chat_messages (a foreign key would fail otherwise), users after everything.
        assertThatEvents(events)
                .haveTypes("REQUEST_ACCEPTED", "TASK_COMPLETED", "TASK_COMPLETED", "TASK_COMPLETED", "TASK_COMPLETED",
                        "TASK_COMPLETED", "REQUEST_COMPLETED")
                .havePlan("chat_messages", "chats", "posts", "sessions", "users")
                .completeInOrder("chat_messages", "chats", "users")
                .completeInOrder("posts", "users")
                .completeInOrder("sessions", "users")
                .haveTask("chat_messages", "DELETED", CHATS_PER_USER * MESSAGES_PER_CHAT)
                .haveTask("chats", "DELETED", CHATS_PER_USER)
                .haveTask("posts", "DELETED", POSTS_PER_USER)
                .haveTask("sessions", "DELETED", 1)
                .haveTask("users", "DELETED", 1)
                .haveTotalItems(CHATS_PER_USER * MESSAGES_PER_CHAT + CHATS_PER_USER + POSTS_PER_USER + 2);
        for (String table : ALL_TABLES) {
            assertThat(app.rows(table, user)).as(table).isZero();
            assertThat(app.rows(table, bystander)).as(table + " of another user").isPositive();
        }
    }

    @Test
    void everyEventOfARequestSentInABatchCarriesItsBatchIdAndTheLedgerKeepsItAfterTheEnd() {
        DeletionRequests batched = aDeletionRequest().forSubject(app.newUser()).inBatch("nightly-2026-11-23");
        DeletionRequests alone = aDeletionRequest().forSubject(app.newUser());

        requests.sendTogether(batched, alone);

        List<JsonNode> batchedEvents = audit.awaitTerminal(batched.requestId());
        assertThat(batchedEvents).hasSizeGreaterThan(2)
                .allSatisfy(event -> assertThat(event.path("batchId").asString()).isEqualTo("nightly-2026-11-23"));
        assertThat(audit.awaitTerminal(alone.requestId())).hasSizeGreaterThan(2)
                .allSatisfy(event -> assertThat(event.has("batchId")).as("batchId in %s", event).isFalse());
        LedgerRequest ended = ledger.findById(batched.requestId()).orElseThrow();
        assertThat(ended.payload()).as("the record is erased at the end").isNull();
        assertThat(ended.batchId()).isEqualTo("nightly-2026-11-23");
        assertThat(ledger.findById(alone.requestId()).orElseThrow().batchId()).isNull();
    }

    @Test
    void reportsNothingFoundForASubjectWithoutData() {
        DeletionRequests request = aDeletionRequest().forSubject(app.newUser() + 1_000_000);

        requests.send(request);

        assertThatEvents(audit.awaitTerminal(request.requestId()))
                .endWith("REQUEST_COMPLETED")
                .haveTask("chat_messages", "NOTHING_FOUND", 0)
                .haveTask("users", "NOTHING_FOUND", 0)
                .haveTotalItems(0);
    }

    @Test
    void softDeleteMarksOnlyUnmarkedRowsAndSkipsResourcesWithoutSoftDelete() {
        long user = app.newUser();
        app.markOnePostDeleted(user);
        DeletionRequests request = aDeletionRequest().forSubject(user).soft();

        requests.send(request);

        assertThatEvents(audit.awaitTerminal(request.requestId()))
                .endWith("REQUEST_COMPLETED")
                .haveTask("posts", "SOFT_DELETED", POSTS_PER_USER - 1)
                .haveTask("chats", "SOFT_DELETED", CHATS_PER_USER)
                .haveTask("users", "SOFT_DELETED", 1)
                .haveTask("sessions", "SKIPPED", 0)
                .haveAttempts("sessions", 0);
        assertThat(app.rows("posts", user)).isEqualTo(POSTS_PER_USER);
        assertThat(app.softDeletedRows("posts", user)).isEqualTo(POSTS_PER_USER);
        assertThat(app.softDeletedRows("chat_messages", user)).isEqualTo(CHATS_PER_USER * MESSAGES_PER_CHAT);
        assertThat(app.rows("sessions", user)).as("sessions has no soft-delete column: left alone").isEqualTo(1);
        assertThat(app.softDeletedRows("users", user)).isEqualTo(1);
    }

    @Test
    void dryRunCountsWhatWouldBeErasedAndChangesNothing() {
        long user = app.newUser();
        DeletionRequests request = aDeletionRequest().forSubject(user).dryRun();

        requests.send(request);

        assertThatEvents(audit.awaitTerminal(request.requestId()))
                .endWith("REQUEST_COMPLETED")
                .allDryRun()
                .haveTask("chat_messages", "DRY_RUN", CHATS_PER_USER * MESSAGES_PER_CHAT)
                .haveTask("posts", "DRY_RUN", POSTS_PER_USER)
                .haveTask("users", "DRY_RUN", 1);
        assertThat(app.rows("chat_messages", user)).isEqualTo(CHATS_PER_USER * MESSAGES_PER_CHAT);
        assertThat(app.rows("users", user)).isEqualTo(1);
    }

    @Test
    void softDryRunCountsUnmarkedRowsAndSkipsWhereSoftWouldSkip() {
        long user = app.newUser();
        app.markOnePostDeleted(user);
        DeletionRequests request = aDeletionRequest().forSubject(user).soft().dryRun();

        requests.send(request);

        assertThatEvents(audit.awaitTerminal(request.requestId()))
                .endWith("REQUEST_COMPLETED")
                .haveTask("posts", "DRY_RUN", POSTS_PER_USER - 1)
                .haveTask("sessions", "SKIPPED", 0);
        assertThat(app.softDeletedRows("posts", user)).isEqualTo(1);
    }

    @Test
    void erasesOnlyTheIncludedCategoryAndADependencyOutOfScopeHoldsNothingBack() {
        long user = app.newUser();
        // chats depends on chat_messages; with chat_messages excluded, chats must still run.
        DeletionRequests request = aDeletionRequest().forSubject(user).soft()
                .including("conversations", "posts").excluding("chat_messages");

        requests.send(request);

        assertThatEvents(audit.awaitTerminal(request.requestId()))
                .endWith("REQUEST_COMPLETED")
                .havePlan("chats", "posts")
                .haveTask("chats", "SOFT_DELETED", CHATS_PER_USER)
                .haveNoEventFor("chat_messages")
                .haveNoEventFor("users")
                .haveNoEventFor("sessions");
        assertThat(app.softDeletedRows("chats", user)).isEqualTo(CHATS_PER_USER);
        assertThat(app.softDeletedRows("chat_messages", user)).isZero();
        assertThat(app.softDeletedRows("users", user)).isZero();
        assertThat(app.rows("sessions", user)).isEqualTo(1);
    }
}
