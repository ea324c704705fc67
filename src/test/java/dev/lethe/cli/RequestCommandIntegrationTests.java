package dev.lethe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.core.TopicsProperties;
import dev.lethe.testsupport.AppDatabase;
import dev.lethe.testsupport.DeadLetterLog;
import dev.lethe.testsupport.LetheIntegrationTest;
import dev.lethe.testsupport.RequestSender;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import picocli.CommandLine;

/**
 * {@code lethe request} in process, through the real command line: it refuses what the worker's intake would
 * dead-letter, bounds its wait for a cluster, and with {@code --wait} reports the outcome the worker wrote.
 */
@LetheIntegrationTest
class RequestCommandIntegrationTests {

    @Autowired
    AppDatabase app;
    @Autowired
    TopicsProperties topics;
    @Autowired
    RequestSender requests;
    @Autowired
    DeadLetterLog deadLetters;
    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;

    @Test
    void refusesWhatTheIntakeWouldDeadLetterWithExitTwoAndSendsNothing() {
        long before = requestsOnTopic();

        Run spaces = request("--request-id", "has spaces", "--subject-id", "7310999000001");
        Run emptySubject = request("--subject-id", "");
        Run badMode = request("--mode", "gentle", "--subject-id", "7310999000001");
        Run controlCharacter = request("--subject-type", "user\nadmin", "--subject-id", "7310999000001");

        assertThat(List.of(spaces, emptySubject, badMode, controlCharacter)).allSatisfy(run -> {
            assertThat(run.exit()).isEqualTo(RequestCommand.INVALID);
            assertThat(run.err()).startsWith("lethe request: invalid request (SCHEMA_VIOLATION), nothing sent: ")
                    .doesNotContain("7310999000001");
            assertThat(run.out()).isEmpty();
        });
        assertThat(spaces.err()).contains("/requestId");
        assertThat(emptySubject.err()).contains("/subject/id");
        assertThat(badMode.err()).contains("/mode");
        assertThat(controlCharacter.err()).contains("/subject/type");
        assertThat(requestsOnTopic()).as("nothing sent").isEqualTo(before);

        assertThat(request("--subject-id", "7310999000002", "--include", "sessions").exit()).isZero();
        assertThat(requestsOnTopic()).as("a valid request is sent").isEqualTo(before + 1);
    }

    @Test
    void waitPrintsEachResourcesOutcomeAndExitsZeroWhenTheRequestCompleted() {
        long user = app.newUser();
        String id = "cli-wait-" + UUID.randomUUID();

        Run run = request("--subject-id", Long.toString(user), "--request-id", id, "--mode", "soft", "--wait");

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).contains("sent request " + id + " to " + topics.requests())
                .contains("REQUEST_ACCEPTED   plan: ")
                .containsPattern("TASK_COMPLETED +chat_messages +SOFT_DELETED +items=" + AppDatabase.CHATS_PER_USER
                        * AppDatabase.MESSAGES_PER_CHAT + " attempts=1")
                .containsPattern("TASK_COMPLETED +sessions +SKIPPED +items=0")
                .contains("REQUEST_COMPLETED")
                .doesNotContain(Long.toString(user));
        assertThat(app.softDeletedRows("posts", user)).isEqualTo(AppDatabase.POSTS_PER_USER);

        Run again = request("--subject-id", Long.toString(user), "--request-id", id, "--mode", "soft", "--wait",
                "--timeout", "3s");

        assertThat(again.exit()).as("a final id gets no new event: no outcome in time").isEqualTo(RequestCommand.NO_OUTCOME_IN_TIME);
        assertThat(again.err()).contains("no outcome for " + id + " within 3s");
    }

    @Test
    void waitExitsNonZeroWithTheReasonWhenTheRequestIsRejected() {
        long admin = app.newAdmin();

        Run run = request("--subject-id", Long.toString(admin), "--wait");

        assertThat(run.exit()).isEqualTo(RequestCommand.NOT_COMPLETED);
        assertThat(run.out()).contains("REQUEST_REJECTED   reason: PROTECTED_SUBJECT").doesNotContain("TASK_");
        assertThat(app.rows("users", admin)).isEqualTo(1);
    }

    @Test
    void anUnreachableClusterFailsWithinTheTimeoutInOneLine() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Instant start = Instant.now();

        Run run = lethe("request", "--bootstrap-servers", "127.0.0.1:" + closedPort, "--timeout", "2s",
                "--request-id", "cli-unreachable", "--subject-id", "7310999000003");

        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(15));
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err().lines()).hasSize(1).first().asString()
                .startsWith("lethe request: Kafka (127.0.0.1:" + closedPort + ") did not acknowledge request cli-unreachable within 2s")
                .doesNotContain("7310999000003");
    }

    @Test
    void requestAndReplayReachTheClusterAndTopicsNamedInAnAdditionalConfigurationFile(@TempDir Path dir) throws IOException {
        Path configuration = Files.writeString(dir.resolve("lethe.yml"), String.join("\n",
                "spring.kafka.bootstrap-servers: " + brokers,
                "lethe.topics:",
                "  requests: " + topics.requests(),
                "  dead-letter: " + topics.deadLetter(),
                "  audit: " + topics.audit(), ""));
        String location = "--spring.config.additional-location=file:" + configuration;
        long user = app.newUser();
        String malformed = "cli-config-" + UUID.randomUUID();
        requests.send(malformed, "{\"requestId\":\"" + malformed + "\"}");
        deadLetters.awaitRecord(record -> DeadLetterLog.value(record).contains(malformed));

        Run request = lethe("request", location, "--subject-id", Long.toString(user), "--wait", "--timeout", "90s");
        Run replay = lethe("replay", location, "--dry-run", "--error", "SCHEMA_VIOLATION");

        assertThat(request.exit()).as(request.toString()).isZero();
        assertThat(request.out()).contains("to " + topics.requests()).contains("REQUEST_COMPLETED");
        assertThat(app.rows("users", user)).isZero();
        assertThat(replay.exit()).as(replay.toString()).isZero();
        assertThat(replay.out()).containsPattern("[1-9][0-9]* dead-letter records selected from " + topics.deadLetter())
                .contains("SCHEMA_VIOLATION  (no request id)");
    }

    /** {@code lethe request} aimed at this test context's cluster and topics, with a bound on any wait. */
    private Run request(String... args) {
        List<String> all = new ArrayList<>(List.of("request", "--bootstrap-servers", brokers, "--topic", topics.requests(),
                "--audit-topic", topics.audit()));
        all.addAll(List.of(args));
        if (!all.contains("--timeout")) {
            all.addAll(List.of("--timeout", "90s"));
        }
        return lethe(all.toArray(String[]::new));
    }

    private long requestsOnTopic() {
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topics.requests()).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** Runs {@code lethe <args>} as the jar's main does (same command line, same failure handling), capturing its output. */
    private static Run lethe(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ByteArrayOutputStream replayOut = new ByteArrayOutputStream();
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                return type == ReplayCommand.class
                        ? type.cast(new ReplayCommand(InputStream.nullInputStream(), new PrintStream(replayOut, true, StandardCharsets.UTF_8)))
                        : CommandLine.defaultFactory().create(type);
            }
        };
        CommandLine commandLine = LetheCommands.commandLine(factory);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exit = commandLine.execute(args);
        return new Run(exit, out + replayOut.toString(StandardCharsets.UTF_8), err.toString());
    }

    private record Run(int exit, String out, String err) {
    }
}
