package dev.lethe.cleaners.filesystem;

import static dev.lethe.testsupport.AuditAssertions.assertThatEvents;
import static dev.lethe.testsupport.DeletionRequests.aDeletionRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lethe.testsupport.AuditLog;
import dev.lethe.testsupport.DeletionRequests;
import dev.lethe.testsupport.LetheIntegrationTest;
import dev.lethe.testsupport.LogCapture;
import dev.lethe.testsupport.RequestSender;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The filesystem type end to end, through the real broker and ledger, on a temporary directory: a subject's files
 * and directories are removed and counted, pattern characters in an id stay literal, ids and links that would lead
 * out of the root fail the task and touch nothing outside, and a root that is gone for a while (a volume not
 * mounted) is waited for behind the breaker.
 */
@LetheIntegrationTest
@TestPropertySource(properties = {
        "lethe.resources.fs_files.type=filesystem",
        "lethe.resources.fs_files.subject-type=fs-user",
        "lethe.resources.fs_files.categories=fs-files",
        "lethe.resources.fs_files.paths[0]=users/{id}",
        "lethe.resources.fs_files.paths[1]=avatars/{id}.png",
        "lethe.resources.fs_files.paths[2]=exports/{id}/*.zip",
        "lethe.resources.fs_files.max-attempts=1000",
        "lethe.resources.fs_files.max-age=10m",
        "lethe.resources.fs_files.resilience.retry-attempts=1",
        "lethe.resources.fs_files.resilience.breaker-window=4",
        "lethe.resources.fs_files.resilience.breaker-minimum-calls=2",
        "lethe.resources.fs_files.resilience.breaker-open-wait=500ms",
        "lethe.resources.fs_files.resilience.breaker-half-open-calls=1",
        // root/linked is a link to a directory outside the root: this resource's template leads through it.
        "lethe.resources.fs_linked.type=filesystem",
        "lethe.resources.fs_linked.subject-type=fs-user",
        "lethe.resources.fs_linked.categories=fs-linked",
        "lethe.resources.fs_linked.paths[0]=linked/{id}"})
class FilesystemResourceIntegrationTests {

    private static final Path TEMP = createTemp();
    private static final Path ROOT = TEMP.resolve("root");
    private static final Path OUTSIDE = TEMP.resolve("outside");
    private static final Path SENTINEL = OUTSIDE.resolve("sentinel.txt");

    @Autowired
    RequestSender requests;
    @Autowired
    AuditLog audit;
    @Autowired
    CircuitBreakerRegistry breakers;

    @DynamicPropertySource
    static void roots(DynamicPropertyRegistry registry) throws IOException {
        Files.createDirectories(ROOT);
        write(SENTINEL);
        if (!exists(ROOT.resolve("linked"))) {
            Files.createSymbolicLink(ROOT.resolve("linked"), OUTSIDE);
        }
        registry.add("lethe.resources.fs_files.root", ROOT::toString);
        registry.add("lethe.resources.fs_linked.root", ROOT::toString);
    }

    @Test
    void hardRemovesTheSubjectsFilesAndDirectoriesCountingRegularFilesAndNothingElse() throws IOException {
        String id = "fs-" + UUID.randomUUID();
        write(ROOT.resolve("users/" + id + "/profile.json"));
        write(ROOT.resolve("users/" + id + "/photos/a.jpg"));
        Files.createSymbolicLink(ROOT.resolve("users/" + id + "/photos/elsewhere"), SENTINEL);
        write(ROOT.resolve("avatars/" + id + ".png"));
        write(ROOT.resolve("exports/" + id + "/2024.zip"));
        write(ROOT.resolve("exports/" + id + "/2025.zip"));
        List<Path> bystanders = List.of(write(ROOT.resolve("users/" + id + "x/profile.json")),
                write(ROOT.resolve("exports/" + id + "x/2024.zip")), write(ROOT.resolve("avatars/" + id + "x.png")));
        DeletionRequests request = aDeletionRequest().ofType("fs-user").forSubject(id).including("fs-files");
        List<String> lines;

        try (LogCapture logs = LogCapture.atDebug("dev.lethe")) {
            requests.send(request);
            List<JsonNode> events = audit.awaitTerminal(request.requestId());
            assertThatEvents(events).endWith("REQUEST_COMPLETED").haveTask("fs_files", "DELETED", 5)
                    .haveNoEventFor("fs_linked");
            assertNoRawSubject(events, id);
            lines = logs.lines();
        }

        assertThat(ROOT.resolve("users/" + id)).doesNotExist();
        assertThat(ROOT.resolve("avatars/" + id + ".png")).doesNotExist();
        assertThat(ROOT.resolve("exports/" + id)).isDirectoryNotContaining(p -> p.getFileName().toString().endsWith(".zip"));
        assertThat(bystanders).allSatisfy(path -> assertThat(path).exists());
        assertThat(SENTINEL).as("the link's target, outside the root").hasContent("data");
        assertNoRawSubjectIn(lines, id);
    }

    @Test
    void aDryRunCountsAndChangesNothingAndASoftRunSkips() throws IOException {
        String id = "fs-" + UUID.randomUUID();
        write(ROOT.resolve("users/" + id + "/a.txt"));
        write(ROOT.resolve("avatars/" + id + ".png"));
        DeletionRequests dryRun = aDeletionRequest().ofType("fs-user").forSubject(id).including("fs-files").dryRun();
        DeletionRequests soft = aDeletionRequest().ofType("fs-user").forSubject(id).including("fs-files").soft();

        requests.send(dryRun);
        requests.send(soft);

        assertThatEvents(audit.awaitTerminal(dryRun.requestId())).endWith("REQUEST_COMPLETED")
                .haveTask("fs_files", "DRY_RUN", 2).allDryRun();
        assertThatEvents(audit.awaitTerminal(soft.requestId())).endWith("REQUEST_COMPLETED")
                .haveTask("fs_files", "SKIPPED", 0).haveAttempts("fs_files", 0);
        assertThat(ROOT.resolve("users/" + id + "/a.txt")).exists();
        assertThat(ROOT.resolve("avatars/" + id + ".png")).exists();
    }

    @Test
    void aSubjectWithNoFilesIsNothingFound() {
        DeletionRequests request = aDeletionRequest().ofType("fs-user").forSubject("fs-" + UUID.randomUUID())
                .including("fs-files");

        requests.send(request);

        assertThatEvents(audit.awaitTerminal(request.requestId())).endWith("REQUEST_COMPLETED")
                .haveTask("fs_files", "NOTHING_FOUND", 0);
    }

    @Test
    void patternCharactersInAnIdMatchOnlyThemselvesAcrossSubjectsSentTogether() throws IOException {
        String prefix = "g" + UUID.randomUUID().toString().substring(0, 8);
        List<String> ids = List.of(prefix + "*", prefix + "?", prefix + "[b]", prefix + "{b,c}", prefix + "\\b");
        List<Path> bystanders = new ArrayList<>();
        for (String other : List.of(prefix + "b", prefix + "bb", prefix, prefix + "c")) {
            bystanders.add(write(ROOT.resolve("users/" + other + "/theirs.txt")));
            bystanders.add(write(ROOT.resolve("exports/" + other + "/1.zip")));
        }
        for (String id : ids) {
            write(ROOT.resolve("users").resolve(id).resolve("mine.txt"));
        }
        List<DeletionRequests> sent = ids.stream()
                .map(id -> aDeletionRequest().ofType("fs-user").forSubject(id).including("fs-files")).toList();

        requests.sendTogether(sent.toArray(DeletionRequests[]::new));

        for (DeletionRequests request : sent) {
            assertThatEvents(audit.awaitTerminal(request.requestId())).endWith("REQUEST_COMPLETED")
                    .haveTask("fs_files", "DELETED", 1);
        }
        assertThat(bystanders).allSatisfy(path -> assertThat(path).exists());
        assertThat(ids).allSatisfy(id -> assertThat(ROOT.resolve("users").resolve(id)).doesNotExist());
    }

    @Test
    void idsThatWouldLeaveTheRootFailTheTaskAndTouchNothingOutside() throws IOException {
        String marker = UUID.randomUUID().toString();
        Path outsideOfSubject = write(OUTSIDE.resolve(marker + "/data.txt"));
        Path inRoot = write(ROOT.resolve("users/keep-" + marker + "/data.txt"));
        List<String> ids = List.of("..", ".", "../outside/" + marker, "x/../../outside/" + marker, "/" + marker,
                "~" + marker);
        List<DeletionRequests> sent = ids.stream()
                .map(id -> aDeletionRequest().ofType("fs-user").forSubject(id).including("fs-files")).toList();
        List<String> lines;

        try (LogCapture logs = LogCapture.atDebug("dev.lethe")) {
            sent.forEach(requests::send);
            for (DeletionRequests request : sent) {
                List<JsonNode> events = audit.awaitTerminal(request.requestId());
                assertThatEvents(events).endWith("REQUEST_FAILED").haveFailedTask("fs_files");
                assertThat(failure(events, "fs_files")).startsWith("FilesystemRefusal: lethe.resources.fs_files.paths[0]:");
                assertNoRawSubject(events, request.subjectId().length() > 2 ? request.subjectId() : marker);
            }
            lines = logs.lines();
        }

        assertThat(SENTINEL).hasContent("data");
        assertThat(outsideOfSubject).hasContent("data");
        assertThat(inRoot).hasContent("data");
        ids.stream().filter(id -> id.length() > 2).forEach(id -> assertNoRawSubjectIn(lines, id));
    }

    @Test
    void aLinkedDirectoryOnTheWayFailsTheTaskAndItsTargetStaysIntact() throws IOException {
        String id = "fs-" + UUID.randomUUID();
        Path target = write(OUTSIDE.resolve(id + "/data.txt"));
        DeletionRequests request = aDeletionRequest().ofType("fs-user").forSubject(id).including("fs-linked");

        requests.send(request);

        List<JsonNode> events = audit.awaitTerminal(request.requestId());
        assertThatEvents(events).endWith("REQUEST_FAILED").haveFailedTask("fs_linked");
        assertThat(failure(events, "fs_linked")).contains("a symbolic link where a directory is needed");
        assertThat(target).hasContent("data");
        assertThat(Files.isSymbolicLink(ROOT.resolve("linked"))).isTrue();
        assertNoRawSubject(events, id);
    }

    @Test
    void aRootThatIsGoneForAWhileIsWaitedForBehindTheBreakerThenErased() throws IOException {
        String id = "fs-" + UUID.randomUUID();
        write(ROOT.resolve("users/" + id + "/a.txt"));
        write(ROOT.resolve("users/" + id + "/b.txt"));
        DeletionRequests request = aDeletionRequest().ofType("fs-user").forSubject(id).including("fs-files");
        CircuitBreaker breaker = breakers.circuitBreaker("fs_files");
        Path away = TEMP.resolve("root-unmounted");
        // As a volume that is not mounted: the root is gone, then back, the same directory.
        Files.move(ROOT, away);
        try {
            requests.send(request);
            await().atMost(Duration.ofSeconds(30)).until(() -> breaker.getState() == CircuitBreaker.State.OPEN);
            assertThat(audit.eventsOf(request.requestId()))
                    .noneMatch(event -> event.path("type").asString().equals("TASK_FAILED"))
                    .noneMatch(AuditLog::isTerminal);
        } finally {
            Files.move(away, ROOT);
        }

        List<JsonNode> events = audit.awaitTerminal(request.requestId());
        assertThatEvents(events).endWith("REQUEST_COMPLETED").haveTask("fs_files", "DELETED", 2);
        assertThat(events.stream().filter(e -> "fs_files".equals(e.path("resource").asString(null))).findFirst()
                .orElseThrow().path("attempts").asInt()).as("the calls that found the root gone count").isGreaterThan(1);
        assertThat(ROOT.resolve("users/" + id)).doesNotExist();
    }

    private static String failure(List<JsonNode> events, String resource) {
        return events.stream().filter(e -> e.path("type").asString().equals("TASK_FAILED")
                && resource.equals(e.path("resource").asString(null))).findFirst().orElseThrow().path("error").asString();
    }

    private static void assertNoRawSubject(List<JsonNode> events, String id) {
        assertThat(events).allSatisfy(event -> assertThat(event.toString()).doesNotContain(id));
    }

    private static void assertNoRawSubjectIn(List<String> lines, String id) {
        String hex = HexFormat.of().formatHex(id.getBytes(StandardCharsets.UTF_8));
        assertThat(lines).as("log lines").isNotEmpty()
                .noneMatch(line -> line.contains(id) || line.toLowerCase().contains(hex));
    }

    private static Path write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, "data");
    }

    private static Path createTemp() {
        try {
            // Under target/, so that a clean build removes it.
            return Files.createDirectories(Path.of("target", "fs-it-" + UUID.randomUUID()).toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean exists(Path path) {
        return Files.exists(path, LinkOption.NOFOLLOW_LINKS);
    }
}
