package dev.lethe.cleaners.memory;

import static dev.lethe.testsupport.AuditAssertions.assertThatEvents;
import static dev.lethe.testsupport.DeletionRequests.aDeletionRequest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.testsupport.AppDatabase;
import dev.lethe.testsupport.AuditLog;
import dev.lethe.testsupport.DeletionRequests;
import dev.lethe.testsupport.LetheIntegrationTest;
import dev.lethe.testsupport.RequestSender;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A resource type written only here, in its own package, is registered, configured with its own settings and used
 * end to end beside the jdbc resources, in dependency order, with its own failure classifier behind the breaker:
 * the proof that a type is one package.
 */
@LetheIntegrationTest
@TestPropertySource(properties = {
        "lethe.resources.notes_in_memory.type=memory",
        "lethe.resources.notes_in_memory.collection=notes",
        "lethe.resources.notes_in_memory.depends-on=chats",
        "lethe.resources.notes_in_memory.categories=memo",
        "lethe.resources.notes_in_memory.max-attempts=1000",
        "lethe.resources.notes_in_memory.max-age=10m",
        "lethe.resources.notes_in_memory.resilience.retry-attempts=1",
        "lethe.resources.notes_in_memory.resilience.breaker-open-wait=200ms"})
class MemoryResourceIntegrationTests {

    @Autowired
    RequestSender requests;
    @Autowired
    AuditLog audit;
    @Autowired
    AppDatabase app;
    @Autowired
    MemoryStore store;

    @Test
    void erasesTheSubjectsItemsAfterItsDependencyBesideTheJdbcResources() {
        long user = app.newUser();
        store.put("notes", String.valueOf(user), 3);
        DeletionRequests request = aDeletionRequest().forSubject(user);

        requests.send(request);

        List<JsonNode> events = audit.awaitTerminal(request.requestId());
        assertThatEvents(events).endWith("REQUEST_COMPLETED").haveTask("notes_in_memory", "DELETED", 3);
        assertThat(plan(events)).containsSubsequence("chat_messages", "chats", "notes_in_memory");
        assertThat(indexOf(events, "chats")).isLessThan(indexOf(events, "notes_in_memory"));
        assertThat(store.items("notes", String.valueOf(user))).isZero();
        assertThat(app.rows("users", user)).isZero();
    }

    @Test
    void aDryRunCountsAndASoftRunSkipsWhatTheTypeCannotMark() {
        long user = app.newUser();
        store.put("notes", String.valueOf(user), 2);
        DeletionRequests dryRun = aDeletionRequest().forSubject(user).including("memo").dryRun();
        DeletionRequests soft = aDeletionRequest().forSubject(user).including("memo").soft();

        requests.send(dryRun);
        requests.send(soft);

        assertThatEvents(audit.awaitTerminal(dryRun.requestId())).endWith("REQUEST_COMPLETED")
                .haveTask("notes_in_memory", "DRY_RUN", 2);
        assertThatEvents(audit.awaitTerminal(soft.requestId())).endWith("REQUEST_COMPLETED")
                .haveTask("notes_in_memory", "SKIPPED", 0);
        assertThat(store.items("notes", String.valueOf(user))).isEqualTo(2);
    }

    @Test
    void aStoreThatIsDownIsRetriedAsItsClassifierSaysUntilItComesBack() {
        long user = app.newUser();
        store.put("notes", String.valueOf(user), 4);
        DeletionRequests request = aDeletionRequest().forSubject(user).including("memo");
        store.goDown();
        try {
            requests.send(request);
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                    .until(() -> audit.eventsOf(request.requestId()).stream()
                            .anyMatch(event -> event.path("type").asString().equals("REQUEST_ACCEPTED")));
            assertThat(audit.eventsOf(request.requestId())).noneMatch(AuditLog::isTerminal);
        } finally {
            store.comeBack();
        }

        List<JsonNode> events = audit.awaitTerminal(request.requestId());
        assertThatEvents(events).endWith("REQUEST_COMPLETED").haveTask("notes_in_memory", "DELETED", 4);
        assertThat(events).noneMatch(event -> event.path("type").asString().equals("TASK_FAILED"));
    }

    private static List<String> plan(List<JsonNode> events) {
        List<String> plan = new java.util.ArrayList<>();
        events.get(0).path("plan").forEach(name -> plan.add(name.asString()));
        return plan;
    }

    private static int indexOf(List<JsonNode> events, String resource) {
        for (int i = 0; i < events.size(); i++) {
            if (resource.equals(events.get(i).path("resource").asString())) {
                return i;
            }
        }
        return -1;
    }
}
