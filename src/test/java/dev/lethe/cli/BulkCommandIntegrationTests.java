package dev.lethe.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lethe.core.TopicsProperties;
import dev.lethe.testsupport.AppDatabase;
import dev.lethe.testsupport.AuditLog;
import dev.lethe.testsupport.LetheIntegrationTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import picocli.CommandLine;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code lethe bulk} in-process against the worker of the test context: subjects from a file or a selection query,
 * a preview of subjectRefs, confirmation, one batch of deterministic request ids, a summary from the audit topic.
 * Nothing is sent unless every subject is valid and the operator said yes; a re-run sends nothing new.
 */
@LetheIntegrationTest
class BulkCommandIntegrationTests {

    private static final int SUBJECTS = 2_000;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    AppDatabase app;
    @Autowired
    AuditLog audit;
    @Autowired
    TopicsProperties topics;
    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;
    @Value("${lethe.audit.subject-key}")
    String subjectKey;
    @Value("${lethe.datasources.app.url}")
    String appUrl;
    @Value("${lethe.datasources.app.username}")
    String appUser;
    @Value("${lethe.datasources.app.password:}")
    String appPassword;
    @TempDir
    Path dir;

    private Admin admin;

    @BeforeEach
    void connect() {
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers));
    }

    @AfterEach
    void disconnect() {
        admin.close();
    }

    @Test
    void aBulkFromAFileErasesEverySubjectSummarisesAndARerunSendsNothingNew() throws Exception {
        List<Long> users = app.newUsers(SUBJECTS);
        long admin = app.newAdmin();
        List<String> lines = new ArrayList<>(users.stream().map(String::valueOf).toList());
        lines.add(1_000, "");
        lines.add("{\"id\":\"" + admin + "\",\"type\":\"user\"}");
        lines.add(String.valueOf(users.get(0)));
        Path file = Files.write(dir.resolve("subjects.txt"), lines);
        long requestsBefore = endOffset(topics.requests());

        BulkRun first = bulk("", "--file", file.toString(), "--yes", "--reason", "INACTIVITY");

        assertThat(first.exitCode()).as("a rejected request: not all completed").isEqualTo(1);
        assertThat(first.out()).contains((SUBJECTS + 1) + " subjects from " + file + " (1 duplicate left out)")
                .contains("… and " + (SUBJECTS + 1 - 10) + " more")
                .contains("Sent " + (SUBJECTS + 1) + " requests")
                .containsPattern("REQUEST_COMPLETED\\s+" + SUBJECTS + "\n")
                .containsPattern("REQUEST_REJECTED\\s+1\n")
                .containsPattern("chat_messages\\s+DELETED\\s+" + SUBJECTS + "\\s+" + SUBJECTS * 6 + "\n")
                .containsPattern("chats\\s+DELETED\\s+" + SUBJECTS + "\\s+" + SUBJECTS * 2 + "\n")
                .containsPattern("posts\\s+DELETED\\s+" + SUBJECTS + "\\s+" + SUBJECTS * 2 + "\n")
                .containsPattern("sessions\\s+DELETED\\s+" + SUBJECTS + "\\s+" + SUBJECTS + "\n")
                .containsPattern("users\\s+DELETED\\s+" + SUBJECTS + "\\s+" + SUBJECTS + "\n")
                .containsPattern("bulk-[0-9a-f]{16}-[0-9a-f]{24}  REQUEST_REJECTED  PROTECTED_SUBJECT");
        assertThat(endOffset(topics.requests()) - requestsBefore).isEqualTo(SUBJECTS + 1);
        assertThat(app.count("select count(*) from users where id between ? and ?", users.get(0), users.get(SUBJECTS - 1)))
                .isZero();
        assertThat(app.rows("users", admin)).isOne();
        assertNoRawId(first, Stream.concat(users.stream(), Stream.of(admin)).toList());

        Set<String> eventIds = eventIdsOnceAllAreRead(batchIdOf(first));
        assertThat(eventIds).as("the batch's events: 7 per completed request, 1 for the rejected").hasSize(SUBJECTS * 7 + 1);
        BulkRun again = bulk("", "--file", file.toString(), "--reason", "INACTIVITY");

        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.out()).contains((SUBJECTS + 1) + " of them ended already").contains("0 to send")
                .doesNotContain("Type yes").doesNotContain("Sent ")
                .containsPattern("REQUEST_COMPLETED\\s+" + SUBJECTS + "\n")
                .containsPattern("users\\s+DELETED\\s+" + SUBJECTS + "\\s+" + SUBJECTS + "\n");
        assertThat(batchIdOf(again)).isEqualTo(batchIdOf(first));
        assertThat(endOffset(topics.requests()) - requestsBefore).as("nothing new sent").isEqualTo(SUBJECTS + 1);
        assertThat(eventIdsOnceAllAreRead(batchIdOf(first))).as("the batch's events: none new").isEqualTo(eventIds);
    }

    @Test
    void aSelectionQueryErasesTheUsersItSelects() {
        List<Long> users = List.of(app.newUser(), app.newUser(), app.newUser(), app.newUser());
        List<Long> withoutChats = users.subList(0, 3);
        withoutChats.forEach(user -> {
            app.update("delete from chat_messages where user_id = ?", user);
            app.update("delete from chats where user_id = ?", user);
        });
        String seeded = users.stream().map(String::valueOf).collect(Collectors.joining(","));

        BulkRun run = bulk("yes\n", "--select", "select id, 'user' as type from users u where u.id in (" + seeded + ")"
                + " and not exists (select 1 from chats c where c.user_id = u.id)");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("3 subjects from the selection").contains("Type yes to send 3 requests")
                .containsPattern("REQUEST_COMPLETED\\s+3\n")
                .containsPattern("posts\\s+DELETED\\s+3\\s+6\n")
                .containsPattern("chats\\s+NOTHING_FOUND\\s+3\\s+0\n")
                .doesNotContain("Not completed");
        assertThat(withoutChats).allSatisfy(user -> assertThat(app.rows("users", user)).isZero());
        assertThat(app.rows("users", users.get(3))).isOne();
        assertNoRawId(run, users);
    }

    @Test
    void aSelectionQueryThatFailsSendsNothing() throws Exception {
        long before = endOffset(topics.requests());

        BulkRun run = bulk("", "--select", "select id from no_such_table", "--datasource", "app", "--yes");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("the selection query failed on datasource 'app'").contains("SQLSTATE 42P01")
                .contains("nothing was sent");
        assertThat(run.out()).doesNotContain("Sent");
        assertThat(endOffset(topics.requests())).isEqualTo(before);
    }

    @Test
    void anythingButYesSendsNothing() throws Exception {
        List<Long> users = List.of(app.newUser(), app.newUser());
        Path file = Files.write(dir.resolve("two.txt"), users.stream().map(String::valueOf).toList());
        long before = endOffset(topics.requests());

        BulkRun run = bulk("y\n", "--file", file.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("2 subjects from").contains("Type yes to send 2 requests: ").contains("Nothing sent.");
        assertThat(endOffset(topics.requests())).isEqualTo(before);
        assertThat(users).allSatisfy(user -> assertThat(app.rows("users", user)).isOne());
        assertNoRawId(run, users);
    }

    @Test
    void invalidLinesAreReportedByNumberWithoutTheirContentAndNothingIsSent() throws Exception {
        long user = app.newUser();
        String tooLong = "secret-" + "x".repeat(300);
        Path file = Files.writeString(dir.resolve("invalid.txt"), user + "\n"
                + "{\"id\":\"secret-control\",\"type\":\"us\\u0001er\"}\n"
                + "\n"
                + tooLong + "\n"
                + "{\"id\":\"secret-broken\",\n"
                + "{\"id\":\"secret-field\",\"email\":\"secret@example.com\"}\n");
        long before = endOffset(topics.requests());

        BulkRun run = bulk("", "--file", file.toString(), "--yes");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).contains("line 2: /subject/type").contains("line 4: /subject/id").contains("line 5: ")
                .contains("line 6: ").doesNotContain("line 1:").doesNotContain("line 3:").doesNotContain("secret");
        assertThat(run.err()).contains("4 invalid subjects").contains("nothing was sent").doesNotContain("secret");
        assertThat(endOffset(topics.requests())).isEqualTo(before);
        assertNoRawId(run, List.of(user));
    }

    private BulkRun bulk(String answer, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream printOut = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream printErr = new PrintStream(err, true, StandardCharsets.UTF_8);
        BulkCommand command = new BulkCommand(new ByteArrayInputStream(answer.getBytes(StandardCharsets.UTF_8)),
                printOut, printErr, false, Clock.systemUTC());
        CommandLine commandLine = LetheCommands.commandLine(new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                return type == BulkCommand.class ? type.cast(command) : CommandLine.defaultFactory().create(type);
            }
        });
        commandLine.setOut(new java.io.PrintWriter(printOut, true));
        commandLine.setErr(new java.io.PrintWriter(printErr, true));
        List<String> all = new ArrayList<>(List.of("bulk"));
        all.addAll(List.of(args));
        // The worker's configuration, as an operator would give it: only the app datasource, so it is the default.
        all.addAll(List.of("--spring.kafka.bootstrap-servers=" + brokers, "--lethe.topics.requests=" + topics.requests(),
                "--lethe.topics.audit=" + topics.audit(), "--lethe.audit.subject-key=" + subjectKey,
                "--lethe.datasources.app.url=" + appUrl, "--lethe.datasources.app.username=" + appUser,
                "--lethe.datasources.app.password=" + appPassword, "--timeout=PT2M"));
        int exitCode = commandLine.execute(all.toArray(String[]::new));
        return new BulkRun(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static void assertNoRawId(BulkRun run, List<Long> ids) {
        Set<String> printed = Set.of(run.out(), run.err());
        assertThat(ids).allSatisfy(id -> assertThat(printed).noneMatch(text -> text.contains(String.valueOf(id))));
    }

    private static String batchIdOf(BulkRun run) {
        var matcher = java.util.regex.Pattern.compile("batch (bulk-[0-9a-f]{16})").matcher(run.out());
        assertThat(matcher.find()).as("the batch id is printed").isTrue();
        return matcher.group(1);
    }

    /**
     * Every eventId on the audit topic, once the test's reader has caught up with the topic. Read without checking
     * each event against the schema (other tests do): 14,000 checks would double this test's time.
     */
    /** The event ids of one batch's events, once every record the audit topic holds has been read. */
    private Set<String> eventIdsOnceAllAreRead(String batchId) throws Exception {
        long written = endOffset(topics.audit());
        await().atMost(Duration.ofSeconds(30)).until(() -> audit.rawRecords().size() >= written);
        return audit.rawRecords().stream().map(record -> JSON.readTree(record.value()))
                .filter(event -> batchId.equals(event.path("batchId").asString("")))
                .map(event -> event.path("eventId").asString()).collect(Collectors.toSet());
    }

    /** How many records the topic has received, over all its partitions. */
    private long endOffset(String topic) throws Exception {
        List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                .stream().map(partition -> new TopicPartition(topic, partition.partition())).toList();
        return admin.listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                .all().get().values().stream().mapToLong(info -> info.offset()).sum();
    }

    private record BulkRun(int exitCode, String out, String err) {
    }
}
