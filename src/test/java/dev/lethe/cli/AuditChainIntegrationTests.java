package dev.lethe.cli;

import static dev.lethe.testsupport.DeletionRequests.aDeletionRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lethe.audit.AuditContext;
import dev.lethe.audit.AuditTrail;
import dev.lethe.audit.CanonicalJson;
import dev.lethe.audit.ChainHash;
import dev.lethe.core.TopicsProperties;
import dev.lethe.testsupport.AppDatabase;
import dev.lethe.testsupport.AuditLog;
import dev.lethe.testsupport.CreatedTopics;
import dev.lethe.testsupport.DeletionRequests;
import dev.lethe.testsupport.IndependentChain;
import dev.lethe.testsupport.LetheIntegrationTest;
import dev.lethe.testsupport.RequestSender;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Tamper evidence (contract v1.2) through the real broker and ledger: every event chained as the contract says (checked
 * by an independent computation), the head kept in the ledger, events of one request written by concurrent
 * transactions chained in the order they are published, {@code lethe audit verify} naming the event where a copied
 * trail was altered, shortened or reordered, and {@code lethe audit receipt} tied to the chain head.
 */
@LetheIntegrationTest
class AuditChainIntegrationTests {

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
    @Autowired
    JdbcTemplate ledger;
    @Autowired
    AuditTrail trail;
    @Autowired
    TransactionTemplate transactions;
    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;
    @Value("${lethe.audit.subject-key}")
    String subjectKey;

    @Test
    void chainsEveryEventAsTheContractSaysAndKeepsTheHeadInTheLedger() {
        DeletionRequests request = aDeletionRequest().forSubject(app.newUser());
        requests.send(request);
        List<JsonNode> events = audit.awaitTerminal(request.requestId());

        String head = IndependentChain.assertChained(null, events);

        assertThat(events).hasSizeGreaterThan(3);
        assertThat(chainHeadInLedger(request.requestId())).isEqualTo(head);
        AuditChainCommands.Run whole = verify();
        assertThat(whole.exitCode()).as(whole.out() + whole.err()).isZero();
        assertThat(whole.out()).contains("every chain holds").doesNotContain("BROKEN");
    }

    @Test
    void chainsEventsOfOneRequestWrittenByConcurrentTransactionsInTheOrderTheyArePublished() throws Exception {
        DeletionRequests request = aDeletionRequest().forSubject(app.newUser());
        requests.send(request);
        List<JsonNode> before = audit.awaitTerminal(request.requestId());
        JsonNode first = before.get(0);
        AuditContext context = new AuditContext(request.requestId(), first.path("subjectRef").asString(), 1, false, null);
        int writers = 6;
        int perWriter = 5;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<CompletableFuture<Void>> done = IntStream.range(0, writers).mapToObj(w -> CompletableFuture.runAsync(() -> {
                awaitQuietly(start);
                for (int i = 0; i < perWriter; i++) {
                    String resource = "concurrent-" + w + "-" + i;
                    transactions.executeWithoutResult(status -> trail.taskFailed(context, resource, 1, "test event", Instant.now()));
                }
            }, pool)).toList();
            start.countDown();
            CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }

        int expected = before.size() + writers * perWriter;
        await().atMost(Duration.ofSeconds(60)).until(() -> audit.eventsOf(request.requestId()).size() >= expected);
        List<JsonNode> after = audit.eventsOf(request.requestId());
        assertThat(after).hasSize(expected);
        String head = IndependentChain.assertChained(null, after);
        assertThat(chainHeadInLedger(request.requestId())).isEqualTo(head);
        AuditChainCommands.Run verified = verify("--request-id", request.requestId());
        assertThat(verified.exitCode()).isZero();
        assertThat(verified.out()).contains("request " + request.requestId() + ": " + expected + " events, chain holds, head " + head);
    }

    @Test
    void verifyNamesTheEventWhereACopiedTrailWasAlteredShortenedOrReordered() throws Exception {
        DeletionRequests request = completedRequest();
        List<String> original = rawTrail(request.requestId());
        assertThat(original).hasSizeGreaterThan(3);
        String id = request.requestId();

        List<String> republished = new ArrayList<>(original);
        republished.addAll(1, original.subList(0, 2));
        assertThat(verifyCopy(republished).exitCode()).as("events published again byte for byte").isZero();

        List<String> altered = new ArrayList<>(original);
        altered.set(1, original.get(1).replace("\"occurredAt\":\"", "\"occurredAt\":\"1"));
        assertBrokenAt(verifyCopy(altered), id, eventId(original.get(1)));

        List<String> removed = new ArrayList<>(original);
        removed.remove(1);
        assertBrokenAt(verifyCopy(removed), id, eventId(original.get(2)));

        List<String> reordered = new ArrayList<>(original);
        reordered.set(1, original.get(2));
        reordered.set(2, original.get(1));
        assertBrokenAt(verifyCopy(reordered), id, eventId(original.get(2)));

        List<String> rewritten = new ArrayList<>(original);
        rewritten.add(original.get(1).replace("\"dryRun\":false", "\"dryRun\":true"));
        AuditChainCommands.Run run = verifyCopy(rewritten);
        assertBrokenAt(run, id, eventId(original.get(1)));
        assertThat(run.out()).contains("a different event under an eventId already read");
    }

    /**
     * A trail begun before the chain existed: the request's first events carry no chainHash, and its chain starts after
     * them from 64 zeros (as a worker upgraded mid-request writes it). With the upgrade's time they are counted as
     * unchained and the rest is verified; without it, or with a time before them, the first one is a broken link. An
     * event without chainHash slipped in front of a request that was chained from its start breaks it, whatever the time.
     */
    @Test
    void verifyCountsEventsFromBeforeTheChainBeganWhenToldWhenItBegan() throws Exception {
        DeletionRequests request = completedRequest();
        List<String> original = rawTrail(request.requestId());
        String id = request.requestId();
        List<String> upgraded = new ArrayList<>(List.of(withoutHash(original.get(0)), withoutHash(original.get(1))));
        String previous = null;
        for (String event : original.subList(2, original.size())) {
            previous = ChainHash.next(previous, CanonicalJson.of(withoutHash(event), null));
            upgraded.add(withHash(withoutHash(event), previous));
        }
        String upgrade = Instant.now().plus(Duration.ofHours(1)).toString();

        AuditChainCommands.Run told = verifyCopy(upgraded, "--unchained-before", upgrade);

        assertThat(told.exitCode()).as(told.out()).isZero();
        assertThat(told.out()).contains((original.size() - 2) + " events (0 read again), 2 unchained events from before")
                .contains("every chain holds");
        assertBrokenAt(verifyCopy(upgraded), id, eventId(original.get(0)));
        assertBrokenAt(verifyCopy(upgraded, "--unchained-before", "2026-01-01T00:00:00Z"), id, eventId(original.get(0)));

        String slippedIn = "{\"eventId\":\"slipped-in\",\"requestId\":\"" + id
                + "\",\"type\":\"TASK_COMPLETED\",\"occurredAt\":\"2026-01-05T10:00:00Z\"}";
        List<String> prepended = new ArrayList<>(List.of(slippedIn));
        prepended.addAll(original);
        AuditChainCommands.Run attack = verifyCopy(prepended, "--unchained-before", upgrade);
        assertBrokenAt(attack, id, "slipped-in");
        assertThat(attack.out()).contains("the request began after the chain did");
    }

    private static String withoutHash(String event) {
        return event.replaceFirst(",\"chainHash\":\"[0-9a-f]{64}\"", "");
    }

    private static String withHash(String event, String hash) {
        return event.substring(0, event.lastIndexOf('}')) + ",\"chainHash\":\"" + hash + "\"}";
    }

    @Test
    void verifySelectsBySubjectOrBatchWithoutPrintingTheSubjectId() {
        long subject = app.newUser();
        DeletionRequests request = aDeletionRequest().forSubject(subject).inBatch("chain-batch-" + UUID.randomUUID());
        requests.send(request);
        List<JsonNode> events = audit.awaitTerminal(request.requestId());
        String head = events.get(events.size() - 1).path("chainHash").asString();

        AuditChainCommands.Run bySubject = verify("--subject-id", Long.toString(subject), "--lethe.audit.subject-key=" + subjectKey);
        AuditChainCommands.Run byBatch = verify("--batch", events.get(0).path("batchId").asString());

        for (AuditChainCommands.Run run : List.of(bySubject, byBatch)) {
            assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
            assertThat(run.lines()).contains("request " + request.requestId() + ": " + events.size() + " events, chain holds, head " + head);
            assertThat(run.out()).contains("1 requests").doesNotContain(Long.toString(subject));
        }
        assertThat(verify("--request-id", "no-such-request").exitCode()).isEqualTo(1);
    }

    @Test
    void receiptOfACompletedRequestSaysWhatWasErasedAndEndsAtTheChainHead() {
        DeletionRequests request = aDeletionRequest().forSubject(app.newUser());
        requests.send(request);
        List<JsonNode> events = audit.awaitTerminal(request.requestId());
        String head = events.get(events.size() - 1).path("chainHash").asString();

        AuditChainCommands.Run receipt = AuditChainCommands.receipt(brokers, topics.audit(), "--request-id", request.requestId());

        assertThat(receipt.exitCode()).as(receipt.out() + receipt.err()).isZero();
        assertThat(receipt.lines()).contains("Erasure receipt for request " + request.requestId(),
                "  chain head   " + head, "  check later  java -jar lethe.jar audit verify --request-id " + request.requestId());
        assertThat(receipt.out()).contains("  result       COMPLETED at " + events.get(events.size() - 1).path("occurredAt").asString())
                .contains("  dry run      no").contains("verifiedRemaining").contains("every chainHash recomputed: the chain holds")
                .contains("eventId " + events.get(events.size() - 1).path("eventId").asString());
        assertThat(receipt.lines()).anySatisfy(line -> assertThat(line).startsWith("  chat_messages").contains("DELETED"));
        assertThat(verify("--request-id", request.requestId()).out()).contains("chain holds, head " + head);
        assertThat(AuditChainCommands.receipt(brokers, topics.audit(), "--request-id", "no-such-request").exitCode()).isEqualTo(1);
    }

    private static void assertBrokenAt(AuditChainCommands.Run run, String requestId, String eventId) {
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.out()).contains("BROKEN request " + requestId + " at event " + eventId + " (");
    }

    /** A user's request, sent and awaited until its terminal event is read. */
    private DeletionRequests completedRequest() {
        DeletionRequests request = aDeletionRequest().forSubject(app.newUser());
        requests.send(request);
        audit.awaitTerminal(request.requestId());
        return request;
    }

    private AuditChainCommands.Run verify(String... args) {
        return AuditChainCommands.verify(brokers, topics.audit(), args);
    }

    /** Writes the records to a new one-partition topic, in this order, and verifies that topic. */
    private AuditChainCommands.Run verifyCopy(List<String> records, String... args) throws Exception {
        String copy = "chain-copy-" + UUID.randomUUID();
        CreatedTopics.create(brokers, new NewTopic(copy, 1, (short) 1));
        for (String record : records) {
            kafka.send(new ProducerRecord<>(copy, 0, null, record.getBytes(StandardCharsets.UTF_8))).get(30, TimeUnit.SECONDS);
        }
        return AuditChainCommands.verify(brokers, copy, args);
    }

    private List<String> rawTrail(String requestId) {
        return audit.rawRecords().stream().filter(record -> requestId.equals(key(record)))
                .map(record -> new String(record.value(), StandardCharsets.UTF_8)).toList();
    }

    private String chainHeadInLedger(String requestId) {
        return ledger.queryForObject("select chain_head from deletion_request where request_id = ?", String.class, requestId);
    }

    private static String eventId(String json) {
        int start = json.indexOf("\"eventId\":\"") + "\"eventId\":\"".length();
        return json.substring(start, json.indexOf('"', start));
    }

    private static String key(ConsumerRecord<byte[], byte[]> record) {
        return record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
