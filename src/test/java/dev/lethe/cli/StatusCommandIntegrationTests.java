package dev.lethe.cli;

import static dev.lethe.testsupport.DeletionRequests.aDeletionRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lethe.LetheApplication;
import dev.lethe.audit.SubjectRef;
import dev.lethe.core.DeletionRequest;
import dev.lethe.testsupport.AppDatabase;
import dev.lethe.testsupport.AuditLog;
import dev.lethe.testsupport.DeletionRequests;
import dev.lethe.testsupport.FlakyBackend;
import dev.lethe.testsupport.LetheIntegrationTest;
import dev.lethe.testsupport.RequestSender;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code lethe status} run as an operator runs it (the command line, the worker's settings as {@code --name=value}),
 * against the ledger of a worker that erases through the real broker and PostgreSQL.
 */
@LetheIntegrationTest
class StatusCommandIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> USER_PLAN = List.of("chat_messages", "chats", "posts", "sessions", "users");

    @Autowired
    RequestSender requests;
    @Autowired
    AuditLog audit;
    @Autowired
    AppDatabase app;
    @Autowired
    FlakyBackend backend;
    @Value("${spring.datasource.url}")
    String ledgerUrl;
    @Value("${spring.datasource.username}")
    String ledgerUser;
    @Value("${spring.datasource.password}")
    String ledgerPassword;
    @Value("${lethe.audit.subject-key}")
    String subjectKey;

    @Test
    void showsARunningRequestWhoseTaskWaitsForItsBackend() {
        String member = app.newNoteOwner("member", 2);
        DeletionRequests request = aDeletionRequest().forSubject(member).ofType("member").inBatch("waiting-" + UUID.randomUUID());
        backend.goDown();
        try {
            requests.send(request);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                Run run = status("--request-id", request.requestId());
                assertThat(run.exitCode()).isZero();
                assertThat(run.out()).contains("Request " + request.requestId() + ": RUNNING, run 1")
                        .containsPattern("member_notes +PENDING +[1-9]\\d* +- +- +next attempt \\S+; last error: \\S+");
            });
            JsonNode json = json(status("--request-id", request.requestId(), "--json"));
            assertThat(json.path("status").asString()).isEqualTo("RUNNING");
            assertThat(json.path("finishedAt").isNull()).isTrue();
            JsonNode task = json.path("tasks").get(0);
            assertThat(task.path("resource").asString()).isEqualTo("member_notes");
            assertThat(task.path("status").asString()).isIn("PENDING", "RUNNING");
            assertThat(task.path("attempts").asInt()).isPositive();
            assertThat(task.path("lastError").asString()).isNotBlank();
            assertThat(task.path("outcome").isNull()).isTrue();
        } finally {
            backend.comeBack();
        }
        assertThat(last(audit.awaitTerminal(request.requestId())).path("type").asString()).isEqualTo("REQUEST_COMPLETED");
        assertThat(status("--request-id", request.requestId()).out())
                .contains("Request " + request.requestId() + ": COMPLETED").containsPattern("member_notes +COMPLETED +\\d+ +DELETED +2");
    }

    @Test
    void showsACompletedRequestsPlanInOrderWithEveryTasksOutcome() {
        long user = app.newUser();
        DeletionRequests request = aDeletionRequest().forSubject(user);
        requests.send(request);
        List<JsonNode> events = audit.awaitTerminal(request.requestId());

        Run text = status("--request-id", request.requestId());
        assertThat(text.exitCode()).isZero();
        assertThat(text.out()).contains("Request " + request.requestId() + ": COMPLETED, run 1")
                .contains("batch     -").contains("dry run   no")
                .contains("subject   " + events.get(0).path("subjectRef").asString().substring(0, 12) + "…")
                .containsPattern("chat_messages +COMPLETED +1 +DELETED +6")
                .containsPattern("users +COMPLETED +1 +DELETED +1")
                .doesNotContain(Long.toString(user));
        assertThat(text.out().indexOf("chat_messages  ")).isLessThan(text.out().indexOf("users  "));
        Instant dueAt = Instant.parse(events.get(0).path("dueAt").asString()).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        assertThat(text.out()).as("the deadline of its REQUEST_ACCEPTED").contains("  due       " + dueAt + "\n")
                .doesNotContain("runs from");

        JsonNode json = json(status("--request-id", request.requestId(), "--json"));
        assertThat(Instant.parse(json.path("dueAt").asString()).truncatedTo(java.time.temporal.ChronoUnit.MILLIS))
                .isEqualTo(dueAt);
        assertThat(json.path("overdueAt").isNull()).isTrue();
        assertThat(json.path("requestId").asString()).isEqualTo(request.requestId());
        assertThat(json.path("status").asString()).isEqualTo("COMPLETED");
        assertThat(json.path("subjectRef").asString()).isEqualTo(events.get(0).path("subjectRef").asString());
        assertThat(json.path("batchId").isNull()).isTrue();
        assertThat(json.path("dryRun").asBoolean()).isFalse();
        assertThat(Instant.parse(json.path("finishedAt").asString()))
                .isAfterOrEqualTo(Instant.parse(json.path("startedAt").asString()));
        assertThat(json.path("tasks").valueStream().map(task -> task.path("resource").asString())).containsExactlyElementsOf(USER_PLAN);
        JsonNode chats = json.path("tasks").get(1);
        assertThat(chats.path("dependsOn").toString()).isEqualTo("[\"chat_messages\"]");
        assertThat(chats.path("waitingFor").toString()).isEqualTo("[]");
        for (JsonNode task : json.path("tasks")) {
            JsonNode event = events.stream().filter(e -> task.path("resource").asString().equals(e.path("resource").asString()))
                    .findFirst().orElseThrow();
            assertThat(task.path("status").asString()).isEqualTo("COMPLETED");
            assertThat(task.path("outcome").asString()).isEqualTo(event.path("outcome").asString());
            assertThat(task.path("items").asLong()).isEqualTo(event.path("items").asLong());
            assertThat(task.path("attempts").asInt()).isEqualTo(event.path("attempts").asInt());
            assertThat(task.path("nextAttemptAt").isNull()).isTrue();
        }
    }

    @Test
    void showsAFailedRequestsFailedTaskWithItsErrorAndWhatCompleted() {
        String visitor = app.newNoteOwner("visitor", 2);
        app.addVisits(visitor, 3);
        DeletionRequests request = aDeletionRequest().forSubject(visitor).ofType("visitor");
        backend.goDown();
        try {
            requests.send(request);
            assertThat(last(audit.awaitTerminal(request.requestId())).path("type").asString()).isEqualTo("REQUEST_FAILED");
        } finally {
            backend.comeBack();
        }

        Run text = status("--request-id", request.requestId());
        assertThat(text.exitCode()).isZero();
        assertThat(text.out()).contains("Request " + request.requestId() + ": FAILED, run 1")
                .containsPattern("visitor_notes +FAILED +[1-9]\\d* +- +- +error: \\S+")
                .containsPattern("visitor_visits +COMPLETED +1 +DELETED +3")
                .doesNotContain(visitor);

        JsonNode json = json(status("--request-id", request.requestId(), "--json"));
        assertThat(json.path("status").asString()).isEqualTo("FAILED");
        JsonNode failed = json.path("tasks").valueStream()
                .filter(task -> task.path("resource").asString().equals("visitor_notes")).findFirst().orElseThrow();
        assertThat(failed.path("status").asString()).isEqualTo("FAILED");
        assertThat(failed.path("lastError").asString()).isNotBlank();
        assertThat(failed.path("attempts").asInt()).isPositive();
    }

    @Test
    void aRequestOrBatchTheLedgerDoesNotKnowExitsThree() {
        Run text = status("--request-id", "no-such-request");
        assertThat(text.exitCode()).isEqualTo(StatusCommand.NOT_FOUND);
        assertThat(text.out()).isEqualTo("No request no-such-request in the ledger." + System.lineSeparator());

        Run json = status("--request-id", "no-such-request", "--json");
        assertThat(json.exitCode()).isEqualTo(StatusCommand.NOT_FOUND);
        assertThat(json.out()).as("standard output of --json holds JSON or nothing").isEmpty();
        assertThat(json.err()).contains("No request no-such-request in the ledger.");

        assertThat(status("--batch", "no-such-batch").exitCode()).isEqualTo(StatusCommand.NOT_FOUND);
    }

    @Test
    void badArgumentsExitTwo() {
        assertThat(status().exitCode()).as("nothing to look up").isEqualTo(2);
        assertThat(status("--request-id", "a", "--batch", "b").exitCode()).as("two things to look up").isEqualTo(2);
        Run tenantAlone = status("--request-id", "a", "--tenant", "t");
        assertThat(tenantAlone.exitCode()).isEqualTo(2);
        assertThat(tenantAlone.err()).contains("--tenant and --type go with --subject-id");
    }

    @Test
    void showsABatchsCountsOutcomesAndFailedRequests() {
        String batch = "nightly-" + UUID.randomUUID();
        long first = app.newUser();
        long second = app.newUser();
        String visitor = app.newNoteOwner("visitor", 2);
        app.addVisits(visitor, 3);
        DeletionRequests failing = aDeletionRequest().forSubject(visitor).ofType("visitor").inBatch(batch);
        backend.goDown();
        try {
            requests.sendTogether(aDeletionRequest().forSubject(first).inBatch(batch),
                    aDeletionRequest().forSubject(second).inBatch(batch), failing);
            List<JsonNode> failingEvents = audit.awaitTerminal(failing.requestId());
            assertThat(last(failingEvents).path("type").asString()).isEqualTo("REQUEST_FAILED");
            assertThat(failingEvents).allSatisfy(event -> assertThat(event.path("batchId").asString()).isEqualTo(batch));
        } finally {
            backend.comeBack();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> json(status("--batch", batch, "--json"))
                .path("requestsByStatus").path("COMPLETED").asInt() == 2);

        JsonNode json = json(status("--batch", batch, "--json"));
        assertThat(json.path("batchId").asString()).isEqualTo(batch);
        assertThat(json.path("requests").asInt()).isEqualTo(3);
        assertThat(json.path("requestsByStatus").toString())
                .isEqualTo("{\"RECEIVED\":0,\"RUNNING\":0,\"COMPLETED\":2,\"FAILED\":1,\"REJECTED\":0,\"CANCELLED\":0}");
        assertThat(json.path("tasksByStatus").path("COMPLETED").asInt()).isEqualTo(2 * USER_PLAN.size() + 1);
        assertThat(json.path("tasksByStatus").path("FAILED").asInt()).isEqualTo(1);
        // Each user: 6 messages, 2 chats, 2 posts, 1 session, 1 user row; the visitor: 3 visits.
        assertThat(json.path("outcomes").path("DELETED").path("tasks").asInt()).isEqualTo(2 * USER_PLAN.size() + 1);
        assertThat(json.path("items").asLong()).isEqualTo(2 * 12 + 3);
        assertThat(json.path("failedRequests")).hasSize(1);
        JsonNode failed = json.path("failedRequests").get(0);
        assertThat(failed.path("requestId").asString()).isEqualTo(failing.requestId());
        assertThat(failed.path("subjectRef").asString()).matches("[0-9a-f]{64}");
        assertThat(failed.path("failedResources").get(0).path("resource").asString()).isEqualTo("visitor_notes");
        assertThat(failed.path("failedResources").get(0).path("error").asString()).isNotBlank();
        assertThat(failed.path("notRunResources").toString()).isEqualTo("[]");

        Run text = status("--batch", batch);
        assertThat(text.exitCode()).isZero();
        assertThat(text.out()).contains("Batch " + batch + ": 3 requests").contains("requests  COMPLETED 2, FAILED 1")
                .contains("DELETED 11 (27 items)").contains("failed    1 request" + System.lineSeparator())
                .containsPattern(failing.requestId() + " +[0-9a-f]{12}… +1 +visitor_notes \\([1-9]\\d* attempts: \\S+")
                .doesNotContain(visitor).doesNotContain(Long.toString(first)).doesNotContain(Long.toString(second));
    }

    @Test
    void showsEveryRequestOfASubjectByTheSubjectRefComputedFromTheWorkersKey() {
        long user = app.newUser();
        String tenant = "tenant-" + UUID.randomUUID();
        DeletionRequests dryRun = aDeletionRequest().forSubject(user).inTenant(tenant).dryRun();
        DeletionRequests real = aDeletionRequest().forSubject(user).inTenant(tenant).inBatch("accounts-closed");
        DeletionRequests withoutTenant = aDeletionRequest().forSubject(user);
        requests.send(dryRun);
        String subjectRef = audit.awaitTerminal(dryRun.requestId()).get(0).path("subjectRef").asString();
        requests.send(real);
        audit.awaitTerminal(real.requestId());
        requests.send(withoutTenant);
        audit.awaitTerminal(withoutTenant.requestId());

        Run text = status("--subject-id", Long.toString(user), "--tenant", tenant);
        assertThat(text.exitCode()).isZero();
        assertThat(text.out()).contains("Subject " + subjectRef.substring(0, 12) + "…: 2 requests")
                .containsPattern(dryRun.requestId() + " +COMPLETED +1 +yes +- +\\S+ +\\S+")
                .containsPattern(real.requestId() + " +COMPLETED +1 +no +accounts-closed ")
                .doesNotContain(withoutTenant.requestId())
                .doesNotContain(Long.toString(user)).doesNotContain(tenant);

        JsonNode json = json(status("--subject-id", Long.toString(user), "--tenant", tenant, "--type", "user", "--json"));
        assertThat(json.path("subjectRef").asString()).as("the ref the worker wrote in the audit events").isEqualTo(subjectRef)
                .isEqualTo(new SubjectRef(subjectKey).of(new DeletionRequest.Subject("user", Long.toString(user), tenant)));
        assertThat(json.path("requests").valueStream().map(r -> r.path("requestId").asString()))
                .containsExactly(dryRun.requestId(), real.requestId());
        assertThat(json.path("requests").get(0).path("dryRun").asBoolean()).isTrue();
        assertThat(json.path("requests").get(1).path("batchId").asString()).isEqualTo("accounts-closed");

        assertThat(json(status("--subject-id", Long.toString(user), "--json")).path("requests")).hasSize(1);
        Run otherTenant = status("--subject-id", Long.toString(user), "--tenant", "another-tenant");
        assertThat(otherTenant.exitCode()).isEqualTo(StatusCommand.NOT_FOUND);
        assertThat(otherTenant.out()).startsWith("No request of subject ").doesNotContain(Long.toString(user));
    }

    /** What one run of the command printed and returned. */
    private record Run(int exitCode, String out, String err) {
    }

    /** The command as {@code java -jar lethe.jar status ...} runs it, the ledger given as the worker's settings. */
    private Run status(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = LetheCommands.commandLine(new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                return type == DemoCommand.class ? type.cast(new DemoCommand(LetheApplication.class))
                        : CommandLine.defaultFactory().create(type);
            }
        });
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of("status"));
        all.addAll(List.of(args));
        all.addAll(List.of("--spring.datasource.url=" + ledgerUrl, "--spring.datasource.username=" + ledgerUser,
                "--spring.datasource.password=" + ledgerPassword, "--lethe.audit.subject-key=" + subjectKey));
        int exitCode = commandLine.execute(all.toArray(String[]::new));
        return new Run(exitCode, out.toString(), err.toString());
    }

    private static JsonNode json(Run run) {
        assertThat(run.exitCode()).as("exit code; standard error: %s", run.err()).isZero();
        return JSON.readTree(run.out());
    }

    private static JsonNode last(List<JsonNode> events) {
        return events.get(events.size() - 1);
    }
}
