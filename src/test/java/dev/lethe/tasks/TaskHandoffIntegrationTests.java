package dev.lethe.tasks;

import static dev.lethe.testsupport.DeletionRequests.aDeletionRequest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.testsupport.AppDatabase;
import dev.lethe.testsupport.AuditLog;
import dev.lethe.testsupport.DeletionRequests;
import dev.lethe.testsupport.LetheIntegrationTest;
import dev.lethe.testsupport.RequestSender;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * Ready tasks are claimed in the transaction that made them ready, not by a later claim round: a request's first
 * tasks by planning (their first attempt is the request's start), a dependent by the transaction that recorded its
 * last dependency (its first attempt is that completion). A claim round would write a later time.
 */
@LetheIntegrationTest
// A context of its own: in a worker shared with other test classes, their leftover work (tasks waiting on a backend
// held down) can fill the runner's room, and a task made ready is then left to the claim loop, as it should be.
// No claim rounds by the clock either: a round reserves the runner's free room while it queries the ledger, and a
// task made ready in that moment is, rightly, left to the next round (a CI run caught one 14 ms late). Woken rounds
// still run, so a handoff that failed shows as a later first attempt, not as a request that never ends.
@TestPropertySource(properties = {"lethe.tasks.concurrency=12", "lethe.tasks.poll-interval=1h"})
class TaskHandoffIntegrationTests {

    @Autowired
    RequestSender requests;
    @Autowired
    AuditLog audit;
    @Autowired
    AppDatabase app;
    @Autowired
    JdbcTemplate ledger;

    @Test
    void eachTaskIsClaimedByTheTransactionThatMadeItReady() {
        // Several requests at once, so that handoffs of different requests interleave; 25 tasks fit the runner's room
        // (12 threads, 48 places), so none of them may be left to a claim round.
        DeletionRequests[] sent = new DeletionRequests[5];
        for (int i = 0; i < sent.length; i++) {
            sent[i] = aDeletionRequest().forSubject(app.newUser());
        }
        requests.sendTogether(sent);
        for (DeletionRequests request : sent) {
            audit.awaitTerminal(request.requestId());
            assertClaimedWhenMadeReady(request.requestId());
        }
    }

    private void assertClaimedWhenMadeReady(String requestId) {
        OffsetDateTime started = ledger.queryForObject("select started_at from deletion_request where request_id = ?",
                OffsetDateTime.class, requestId);
        Map<String, OffsetDateTime> firstAttempt = new HashMap<>();
        Map<String, OffsetDateTime> completed = new HashMap<>();
        ledger.query("select resource, first_attempt_at, completed_at from deletion_task where request_id = ?", row -> {
            firstAttempt.put(row.getString(1), row.getObject(2, OffsetDateTime.class));
            completed.put(row.getString(1), row.getObject(3, OffsetDateTime.class));
        }, requestId);

        assertThat(firstAttempt).as("tasks of %s", requestId)
                .containsOnlyKeys("chat_messages", "posts", "sessions", "chats", "users");
        for (String ready : new String[] {"chat_messages", "posts", "sessions"}) {
            assertThat(firstAttempt.get(ready)).as("%s, claimed by planning", ready).isEqualTo(started);
        }
        assertThat(firstAttempt.get("chats")).as("chats, claimed when chat_messages was recorded")
                .isEqualTo(completed.get("chat_messages"));
        OffsetDateTime lastDependency = completed.entrySet().stream().filter(e -> !e.getKey().equals("users"))
                .map(Map.Entry::getValue).max(OffsetDateTime::compareTo).orElseThrow();
        assertThat(firstAttempt.get("users")).as("users, claimed when its last dependency was recorded")
                .isEqualTo(lastDependency);
    }
}
