package dev.lethe.cli;

import static dev.lethe.testsupport.DeletionRequests.aDeletionRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lethe.core.TopicsProperties;
import dev.lethe.testsupport.AppDatabase;
import dev.lethe.testsupport.AuditLog;
import dev.lethe.testsupport.CreatedTopics;
import dev.lethe.testsupport.CsvRecords;
import dev.lethe.testsupport.DeletionRequests;
import dev.lethe.testsupport.LetheIntegrationTest;
import dev.lethe.testsupport.RequestSender;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.core.KafkaTemplate;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code lethe audit} run in-process against the real broker: on the worker's audit topic for requests it really
 * ran, and on a topic of hand-written audit-shaped records (batch ids, awkward error text, a record that is not JSON).
 */
@LetheIntegrationTest
class AuditCommandIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Record timestamps for --since: in the past, as the broker refuses times far ahead of its clock. */
    private static final Instant WRITTEN_AT = Instant.now().minus(Duration.ofDays(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    private static final String AWKWARD_ERROR = "PSQLException, \"quoted\"\nsecond line";

    @Autowired
    RequestSender requests;
    @Autowired
    AuditLog audit;
    @Autowired
    AppDatabase app;
    @Autowired
    TopicsProperties topics;
    @Autowired
    KafkaTemplate<byte[], byte[]> kafka;
    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;
    @Value("${lethe.audit.subject-key}")
    String subjectKey;

    private String handWritten;
    private final List<String> handWrittenEvents = new ArrayList<>();

    @Test
    void findsASubjectsEventsByItsComputedRefWithoutPrintingTheId() {
        long erased = app.newUser();
        long other = app.newUser();
        DeletionRequests request = aDeletionRequest().forSubject(erased);
        DeletionRequests otherRequest = aDeletionRequest().forSubject(other);
        requests.sendTogether(request, otherRequest);
        List<JsonNode> events = audit.awaitTerminal(request.requestId());
        audit.awaitTerminal(otherRequest.requestId());

        Run run = audit("--subject-id", Long.toString(erased));

        assertThat(run.exitCode()).isZero();
        assertThat(run.lines()).hasSize(events.size()).allSatisfy(line -> assertThat(line).contains(request.requestId()));
        assertThat(run.lines().get(0)).contains("REQUEST_ACCEPTED").contains("plan=");
        assertThat(run.lines().get(run.lines().size() - 1)).contains("REQUEST_COMPLETED").contains("total=");
        assertThat(run.out() + run.err()).doesNotContain(Long.toString(erased)).doesNotContain(Long.toString(other));
        assertThat(run.err()).contains(events.size() + " of ").contains("printed");
    }

    @Test
    void selectsRequestsByIdAndWritesTheirEventsAsJsonLinesExactlyAsOnTheTopic() {
        DeletionRequests first = aDeletionRequest().forSubject(app.newUser());
        DeletionRequests second = aDeletionRequest().forSubject(app.newUser());
        DeletionRequests notAsked = aDeletionRequest().forSubject(app.newUser());
        requests.sendTogether(first, second, notAsked);
        List.of(first, second, notAsked).forEach(request -> audit.awaitTerminal(request.requestId()));

        Run run = audit("--request-id", first.requestId() + "," + second.requestId(), "--format", "jsonl");

        List<String> onTopic = audit.rawRecords().stream()
                .filter(record -> List.of(first.requestId(), second.requestId()).contains(key(record)))
                .map(record -> new String(record.value(), StandardCharsets.UTF_8)).toList();
        assertThat(run.lines()).containsExactlyInAnyOrderElementsOf(onTopic).hasSizeGreaterThan(4);
        assertThat(run.lines()).allSatisfy(line -> assertThat(JSON.readTree(line).path("requestId").asString())
                .isIn(first.requestId(), second.requestId()));
    }

    @Test
    void selectsABatchAndSkipsARecordThatIsNotJsonSayingWhereItIs() {
        Run run = auditHandWritten("--batch", "nightly-1");

        assertThat(run.exitCode()).isZero();
        assertThat(run.lines()).hasSize(2);
        assertThat(run.lines().get(0)).contains("TASK_FAILED").contains("r-1").contains("batch=nightly-1")
                .contains("error=\"PSQLException, \\\"quoted\\\"\\u000asecond line\"");
        assertThat(run.lines().get(1)).contains("REQUEST_FAILED").contains("failedResources=device_history");
        assertThat(run.err()).contains("lethe audit: skipped " + handWritten + "-0@2: not valid JSON")
                .doesNotContain("secret").contains("2 of 6 records of " + handWritten + " printed, 1 unreadable skipped");
    }

    @Test
    void exportsCsvThatParsesBackToTheEventsValues() {
        Run run = auditHandWritten("--format", "csv");

        List<List<String>> rows = CsvRecords.parse(run.out());
        assertThat(rows.get(0)).containsExactlyElementsOf(AuditCsvLine.COLUMNS);
        assertThat(rows).hasSize(1 + 5);
        // Partitions interleave: events are in order within a request, not across requests.
        assertThat(rows.subList(1, rows.size())).contains(List.of("2026-11-23T10:00:00Z", "TASK_FAILED", "r-1",
                "ref-a", "nightly-1", "device_history", "", "", "3", AWKWARD_ERROR, "", "false"));
        assertThat(rows).extracting(row -> row.get(1)).containsExactlyInAnyOrder("type", "TASK_FAILED", "REQUEST_FAILED",
                "TASK_COMPLETED", "REQUEST_REJECTED", "REQUEST_COMPLETED");
    }

    @Test
    void writesHandWrittenEventsAsJsonLinesByteForByteAndAPrettyPrintedOneOnOneLine() {
        Run run = auditHandWritten("--format", "jsonl");

        assertThat(run.lines()).hasSize(5).containsAll(handWrittenEvents.subList(0, 4));
        assertThat(run.lines()).contains(JSON.readTree(handWrittenEvents.get(4)).toString());
    }

    @Test
    void combinesEventTypeBatchAndSinceFilters() {
        assertThat(auditHandWritten("--event", "task_failed,REQUEST_REJECTED").lines())
                .hasSize(2).allSatisfy(line -> assertThat(line).containsAnyOf("TASK_FAILED", "REQUEST_REJECTED"));
        assertThat(auditHandWritten("--event", "REQUEST_FAILED", "--batch", "nightly-1", "--batch", "other").lines())
                .singleElement().satisfies(line -> assertThat(line).contains("REQUEST_FAILED"));
        assertThat(auditHandWritten("--since", WRITTEN_AT.plusSeconds(3 * 60 + 30).toString()).lines())
                .hasSize(1).allSatisfy(line -> assertThat(line).contains("REQUEST_COMPLETED"));
        assertThat(auditHandWritten("--since", WRITTEN_AT.plusSeconds(3600).toString()).lines()).isEmpty();
    }

    @Test
    void followPrintsAnEventWrittenAfterItStartedAndEndsWithExitZeroWhenStopped() {
        CommandRun run = new CommandRun();
        CompletableFuture<Integer> following = CompletableFuture.supplyAsync(
                () -> run.execute("--topic", handWritten, "--follow", "--format", "jsonl"));
        await().atMost(Duration.ofSeconds(30)).until(() -> run.out().lines().count() == 5);

        String late = event("TASK_COMPLETED", "r-late", "ref-late", null,
                ",\"resource\":\"posts\",\"outcome\":\"DELETED\",\"items\":2,\"attempts\":1");
        send(handWritten, 1, Instant.now(), late);

        await().atMost(Duration.ofSeconds(30)).until(() -> run.out().lines().anyMatch(late::equals));
        run.command.stop();
        assertThat(following).succeedsWithin(Duration.ofSeconds(30)).isEqualTo(0);
        assertThat(run.err()).contains("6 of 7 records");
    }

    @BeforeEach
    void writeHandWrittenAuditTopic() throws Exception {
        handWritten = "audit-cmd-" + UUID.randomUUID();
        CreatedTopics.create(brokers, new NewTopic(handWritten, 2, (short) 1));
        handWrittenEvents.add(event("TASK_FAILED", "r-1", "ref-a", "nightly-1", ",\"resource\":\"device_history\",\"attempts\":3,\"error\":"
                + JSON.writeValueAsString(AWKWARD_ERROR)));
        handWrittenEvents.add(event("REQUEST_FAILED", "r-1", "ref-a", "nightly-1",
                ",\"summary\":{\"resources\":{},\"totalItems\":0},\"failedResources\":[\"device_history\"]"));
        handWrittenEvents.add(event("TASK_COMPLETED", "r-2", "ref-b", "other", ",\"resource\":\"posts\",\"outcome\":\"DELETED\",\"items\":2,\"attempts\":1"));
        handWrittenEvents.add(event("REQUEST_REJECTED", "r-3", "ref-c", null, ",\"reason\":\"PROTECTED_SUBJECT\""));
        handWrittenEvents.add("{\n  \"type\": \"REQUEST_COMPLETED\",\n  \"requestId\": \"r-4\",\n  \"occurredAt\": \"2026-11-23T10:04:00Z\"\n}");
        for (int i = 0; i < 4; i++) {
            send(handWritten, i < 2 ? 0 : 1, WRITTEN_AT.plusSeconds(60L * i), handWrittenEvents.get(i));
        }
        send(handWritten, 0, WRITTEN_AT.plusSeconds(150), "secret-7310 is not json {");
        send(handWritten, 1, WRITTEN_AT.plusSeconds(240), handWrittenEvents.get(4));
    }

    private static String event(String type, String requestId, String subjectRef, String batchId, String extra) {
        return "{\"schemaVersion\":1,\"eventId\":\"" + UUID.randomUUID() + "\",\"type\":\"" + type + "\",\"requestId\":\""
                + requestId + "\",\"subjectRef\":\"" + subjectRef + "\",\"occurredAt\":\"2026-11-23T10:00:00Z\",\"dryRun\":false,\"run\":1"
                + (batchId == null ? "" : ",\"batchId\":\"" + batchId + "\"") + extra + "}";
    }

    private void send(String topic, int partition, Instant timestamp, String value) {
        try {
            kafka.send(new ProducerRecord<>(topic, partition, timestamp.toEpochMilli(), null,
                    value.getBytes(StandardCharsets.UTF_8))).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not write " + topic, e);
        }
    }

    private Run auditHandWritten(String... args) {
        List<String> all = new ArrayList<>(List.of("--topic", handWritten));
        all.addAll(List.of(args));
        return audit(all.toArray(String[]::new));
    }

    private Run audit(String... args) {
        CommandRun run = new CommandRun();
        int exitCode = run.execute(args);
        return new Run(exitCode, run.out(), run.err());
    }

    /**
     * One in-process run of {@code lethe audit}, its output captured, reading the settings as an operator gives them
     * ({@code --name=value}): the broker, this context's audit topic and subject key.
     */
    private final class CommandRun {

        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final ByteArrayOutputStream err = new ByteArrayOutputStream();
        private final AuditCommand command = new AuditCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), stop -> () -> { });

        int execute(String... args) {
            CommandLine commandLine = LetheCommands.commandLine(new CommandLine.IFactory() {
                @Override
                public <K> K create(Class<K> type) throws Exception {
                    return type == AuditCommand.class ? type.cast(command) : CommandLine.defaultFactory().create(type);
                }
            });
            commandLine.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
            List<String> all = new ArrayList<>(List.of("audit", "--spring.kafka.bootstrap-servers=" + brokers,
                    "--lethe.topics.audit=" + topics.audit(), "--lethe.audit.subject-key=" + subjectKey));
            all.addAll(List.of(args));
            return commandLine.execute(all.toArray(String[]::new));
        }

        String out() {
            return out.toString(StandardCharsets.UTF_8);
        }

        String err() {
            return err.toString(StandardCharsets.UTF_8);
        }
    }

    private static String key(ConsumerRecord<byte[], byte[]> record) {
        return record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    }

    record Run(int exitCode, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }
    }
}
