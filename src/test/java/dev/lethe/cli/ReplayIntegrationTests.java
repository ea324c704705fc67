package dev.lethe.cli;

import static dev.lethe.testsupport.DeadLetterLog.header;
import static dev.lethe.testsupport.DeletionRequests.aDeletionRequest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.deadletter.DeadLetterHeaders;
import dev.lethe.core.TopicsProperties;
import dev.lethe.ledger.RequestRepository;
import dev.lethe.testsupport.IndependentChain;
import dev.lethe.testsupport.AppDatabase;
import dev.lethe.testsupport.AuditLog;
import dev.lethe.testsupport.DeadLetterLog;
import dev.lethe.testsupport.DeletionRequests;
import dev.lethe.testsupport.FlakyBackend;
import dev.lethe.testsupport.IntakeProgress;
import dev.lethe.testsupport.LetheIntegrationTest;
import dev.lethe.testsupport.RequestSender;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;

/**
 * Requests that failed because a backend was down longer than their budget complete after it is back and
 * {@code replay --yes} runs; only what did not complete runs again; a second replay erases nothing more.
 */
@LetheIntegrationTest
class ReplayIntegrationTests {

    private static final int REQUESTS = 12;

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
    TopicsProperties topics;
    @Autowired
    IntakeProgress intake;
    @Autowired
    RequestRepository ledger;
    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;

    @Test
    void replayCompletesRequestsThatOutlivedTheirBudgetAndReplayingTwiceErasesNothingMore() {
        Instant testStart = Instant.now();
        List<DeletionRequests> sent = new ArrayList<>();
        List<String> visitors = new ArrayList<>();
        backend.goDown();
        try {
            for (int i = 0; i < REQUESTS; i++) {
                String visitor = app.newNoteOwner("visitor", 2);
                app.addVisits(visitor, 3);
                visitors.add(visitor);
                DeletionRequests request = aDeletionRequest().forSubject(visitor).ofType("visitor");
                sent.add(request);
                requests.send(request);
            }
            for (DeletionRequests request : sent) {
                JsonNode terminal = last(audit.awaitTerminal(request.requestId()));
                assertThat(terminal.path("type").asString()).isEqualTo("REQUEST_FAILED");
                assertThat(terminal.path("failedResources").toString()).isEqualTo("[\"visitor_notes\"]");
                deadLetters.awaitRecord(r -> request.requestId().equals(header(r, DeadLetterHeaders.REQUEST_ID)));
            }
            assertThat(visitors).allSatisfy(visitor -> assertThat(app.visits(visitor)).isZero());
        } finally {
            backend.comeBack();
        }

        String dryRun = replay("--dry-run", "--since", testStart.toString());
        assertThat(dryRun).contains(REQUESTS + " dead-letter records selected").contains("RETRIES_EXHAUSTED=" + REQUESTS);

        String refused = replayAnswering("no", "--since", testStart.toString());
        assertThat(refused).contains("Type yes to continue").contains("Nothing replayed.");

        assertThat(replay("--yes", "--since", testStart.toString())).contains("Replayed " + REQUESTS + " records");
        for (DeletionRequests request : sent) {
            List<JsonNode> runTwo = audit.awaitTerminal(request.requestId(), 2);
            assertThat(runTwo).extracting(event -> event.path("type").asString())
                    .containsExactly("REQUEST_ACCEPTED", "TASK_COMPLETED", "REQUEST_COMPLETED");
            assertThat(runTwo.get(0).path("plan").toString()).as("only what did not complete runs again")
                    .isEqualTo("[\"visitor_notes\"]");
            JsonNode summary = runTwo.get(2).path("summary").path("resources");
            assertThat(summary.path("visitor_visits").path("outcome").asString()).isEqualTo("DELETED");
            assertThat(summary.path("visitor_visits").path("items").asLong()).isEqualTo(3);
            assertThat(summary.path("visitor_notes").path("outcome").asString()).isEqualTo("DELETED");
        }
        assertThat(visitors).allSatisfy(visitor -> assertThat(app.notes(visitor)).isZero());
        assertChainsContinueAcrossTheReplay(sent);
        Set<String> eventIdsAfterFirstReplay = eventIds(sent);

        assertThat(replay("--yes", "--since", testStart.toString())).contains("Replayed " + REQUESTS + " records");
        intake.awaitAllConsumed();

        assertThat(eventIds(sent)).isEqualTo(eventIdsAfterFirstReplay);
        assertThat(sent).allSatisfy(request -> assertThat(ledger.findById(request.requestId()).orElseThrow().run()).isEqualTo(2));
    }

    /** Run 2 continues run 1's chain: one chain per request, from its first event to its last, and verify agrees. */
    private void assertChainsContinueAcrossTheReplay(List<DeletionRequests> sent) {
        for (DeletionRequests request : sent) {
            List<JsonNode> runOne = audit.eventsOf(request.requestId()).stream()
                    .filter(event -> event.path("run").asInt() == 1).toList();
            String headOfRunOne = IndependentChain.assertChained(null, runOne);
            IndependentChain.assertChained(headOfRunOne, audit.awaitTerminal(request.requestId(), 2));
        }
        AuditChainCommands.Run verified = AuditChainCommands.verify(brokers, topics.audit());
        assertThat(verified.exitCode()).as(verified.out() + verified.err()).isZero();
        assertThat(verified.out()).contains("every chain holds");
    }

    private Set<String> eventIds(List<DeletionRequests> sent) {
        return sent.stream().flatMap(request -> audit.eventsOf(request.requestId()).stream())
                .map(event -> event.path("eventId").asString()).collect(Collectors.toSet());
    }

    private String replay(String... args) {
        return replayAnswering("", args);
    }

    private String replayAnswering(String answer, String... args) {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        ReplayCommand command = new ReplayCommand(new ByteArrayInputStream((answer + "\n").getBytes(StandardCharsets.UTF_8)),
                new PrintStream(printed, true, StandardCharsets.UTF_8));
        List<String> all = new ArrayList<>(List.of("--bootstrap-servers", brokers, "--dead-letter-topic", topics.deadLetter(),
                "--requests-topic", topics.requests()));
        all.addAll(List.of(args));
        new CommandLine(command).execute(all.toArray(String[]::new));
        return printed.toString(StandardCharsets.UTF_8);
    }

    private static JsonNode last(List<JsonNode> events) {
        return events.get(events.size() - 1);
    }
}
