package dev.lethe.e2e;

import static dev.lethe.testsupport.DeletionRequests.aDeletionRequest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.testsupport.AppDatabase;
import dev.lethe.testsupport.AuditLog;
import dev.lethe.testsupport.DeletionRequests;
import dev.lethe.testsupport.LetheIntegrationTest;
import dev.lethe.testsupport.RequestSender;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * After every HARD or SOFT task of a type that can count, the worker counts again: {@code verifiedRemaining} 0 in
 * TASK_COMPLETED, and rows written again behind the cleaner's back (a trigger) fail the task after its budget with an
 * error that says verification.
 */
@LetheIntegrationTest
class VerificationIntegrationTests {

    @Autowired
    AppDatabase app;
    @Autowired
    RequestSender requests;
    @Autowired
    AuditLog audit;
    @Autowired
    JdbcClient ledger;

    @Test
    void rowsThatComeBackAfterEveryDeleteFailTheTaskAfterItsBudgetSayingVerification() {
        String ghost = "ghost-" + UUID.randomUUID();
        DeletionRequests request = aDeletionRequest().forSubject(ghost).ofType("ghost");
        List<JsonNode> events = eraseGhostRows(request, ghost, "a", "b");

        JsonNode failed = only(events, "TASK_FAILED");
        assertThat(failed.path("resource").asString()).isEqualTo("ghost_rows");
        assertThat(failed.path("error").asString()).isEqualTo("verification: 2 items remain after erasing");
        assertThat(failed.path("attempts").asInt()).as("lethe.tasks.max-attempts in the test profile").isEqualTo(3);
        assertThat(events).noneMatch(event -> event.path("type").asString().equals("TASK_COMPLETED"));
        assertThat(events.get(events.size() - 1).path("type").asString()).isEqualTo("REQUEST_FAILED");
        assertThat(app.count("select count(*) from ghost_rows where ghost_id = ?", ghost)).isEqualTo(2);
        assertThat(ledger.sql("select items from deletion_task where request_id = ? and resource = 'ghost_rows'")
                .param(request.requestId()).query(Long.class).single())
                .as("what its three attempts erased, kept with the failed task").isEqualTo(6);
    }

    /**
     * The first attempt erases 3 rows, 1 comes back, and the retry erases it: the task reports the 4 rows its attempts
     * erased, not the retry's 1, and the ledger's row agrees.
     */
    @Test
    void aTaskRetriedForVerificationReportsWhatAllItsAttemptsErased() {
        String ghost = "ghost-" + UUID.randomUUID();
        DeletionRequests request = aDeletionRequest().forSubject(ghost).ofType("ghost");
        List<JsonNode> events = eraseGhostRows(request, ghost, "once", "gone", "gone");

        JsonNode completed = only(events, "TASK_COMPLETED");
        assertThat(completed.path("resource").asString()).isEqualTo("ghost_rows");
        assertThat(completed.path("outcome").asString()).isEqualTo("DELETED");
        assertThat(completed.path("items").asLong()).as("3 by the first attempt, 1 by the retry").isEqualTo(4);
        assertThat(completed.path("attempts").asInt()).isEqualTo(2);
        assertThat(completed.path("verifiedRemaining").asLong()).isZero();
        assertThat(events.get(events.size() - 1).path("summary").path("totalItems").asLong()).isEqualTo(4);
        assertThat(app.count("select count(*) from ghost_rows where ghost_id = ?", ghost)).isZero();
    }

    @Test
    void everyHardTaskOfAJdbcTableReportsNothingRemaining() {
        long user = app.newUser();
        DeletionRequests request = aDeletionRequest().forSubject(user);

        requests.send(request);
        List<JsonNode> events = audit.awaitTerminal(request.requestId());

        List<JsonNode> completed = ofType(events, "TASK_COMPLETED");
        assertThat(completed).hasSize(5);
        assertThat(completed).allSatisfy(event -> {
            assertThat(event.has("verifiedRemaining")).as(event.toString()).isTrue();
            assertThat(event.path("verifiedRemaining").asLong()).isZero();
        });
        assertThat(completed).anySatisfy(event -> assertThat(event.path("items").asLong()).isPositive());
    }

    @Test
    void softTasksAreVerifiedWhileDryRunsAndSkippedTasksAreNot() {
        long softUser = app.newUser();
        DeletionRequests soft = aDeletionRequest().forSubject(softUser).soft();
        long dryUser = app.newUser();
        DeletionRequests dryRun = aDeletionRequest().forSubject(dryUser).dryRun();

        requests.send(soft);
        requests.send(dryRun);
        List<JsonNode> softEvents = ofType(audit.awaitTerminal(soft.requestId()), "TASK_COMPLETED");
        List<JsonNode> dryEvents = ofType(audit.awaitTerminal(dryRun.requestId()), "TASK_COMPLETED");

        assertThat(softEvents).filteredOn(event -> event.path("outcome").asString().equals("SOFT_DELETED"))
                .isNotEmpty()
                .allSatisfy(event -> assertThat(event.path("verifiedRemaining").asLong(-1)).isZero());
        assertThat(softEvents).filteredOn(event -> event.path("outcome").asString().equals("SKIPPED"))
                .isNotEmpty()
                .allSatisfy(event -> assertThat(event.has("verifiedRemaining")).isFalse());
        assertThat(dryEvents).hasSize(5).allSatisfy(event -> assertThat(event.has("verifiedRemaining")).isFalse());
    }

    /** Writes the subject's ghost rows with these notes (see it-schema.sql), sends the request, awaits its end. */
    private List<JsonNode> eraseGhostRows(DeletionRequests request, String ghost, String... notes) {
        for (String note : notes) {
            app.update("insert into ghost_rows (ghost_id, note) values (?, ?)", ghost, note);
        }
        requests.send(request);
        return audit.awaitTerminal(request.requestId());
    }

    private static JsonNode only(List<JsonNode> events, String type) {
        List<JsonNode> matching = ofType(events, type);
        assertThat(matching).hasSize(1);
        return matching.get(0);
    }

    private static List<JsonNode> ofType(List<JsonNode> events, String type) {
        return events.stream().filter(event -> event.path("type").asString().equals(type)).toList();
    }
}
