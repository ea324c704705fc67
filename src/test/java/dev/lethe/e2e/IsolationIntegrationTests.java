package dev.lethe.e2e;

import static dev.lethe.testsupport.AuditAssertions.assertThatEvents;
import static dev.lethe.testsupport.DeadLetterLog.header;
import static dev.lethe.testsupport.DeletionRequests.aDeletionRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lethe.deadletter.DeadLetterHeaders;
import dev.lethe.core.TopicsProperties;
import dev.lethe.testsupport.AppDatabase;
import dev.lethe.testsupport.AuditLog;
import dev.lethe.testsupport.DeadLetterLog;
import dev.lethe.testsupport.DeletionRequests;
import dev.lethe.testsupport.LetheIntegrationTest;
import dev.lethe.testsupport.LogCapture;
import dev.lethe.testsupport.RequestSender;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * No single record, request, task or outbox row stops the others (contract, "Isolation"): each poison ends alone, as
 * the contract says, and the valid requests around it complete.
 */
@LetheIntegrationTest
class IsolationIntegrationTests {

    @Autowired
    RequestSender requests;
    @Autowired
    AuditLog audit;
    @Autowired
    DeadLetterLog deadLetters;
    @Autowired
    AppDatabase app;
    @Autowired
    JdbcTemplate ledger;
    @Autowired
    TopicsProperties topics;
    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    @Test
    void aRequestTheLedgerRefusesIsDeadLetteredAloneAndNoDebugLineCarriesASubject() {
        // A value the ledger refuses for good, as PostgreSQL refused a NUL: here a check constraint on the request id.
        ledger.execute("alter table deletion_request add constraint lethe_test_poison check (request_id not like 'poison-%')");
        List<String> subjects;
        List<String> lines;
        try (LogCapture logs = LogCapture.atDebug("dev.lethe", "org.springframework.kafka.listener",
                "org.springframework.jdbc", "org.springframework.transaction", "org.postgresql", "com.zaxxer.hikari")) {
            long before = app.newUser();
            long after = app.newUser();
            String secret = "secret-subject-" + UUID.randomUUID();
            String poisonId = "poison-" + UUID.randomUUID();
            String key = "one-partition-" + UUID.randomUUID();
            DeletionRequests first = aDeletionRequest().forSubject(before);
            DeletionRequests last = aDeletionRequest().forSubject(after);
            requests.send(key, first.toJson());
            requests.send(key, aDeletionRequest().withRequestId(poisonId).forSubject(secret).toJson());
            requests.send(key, last.toJson());

            assertThatEvents(audit.awaitTerminal(first.requestId())).endWith("REQUEST_COMPLETED");
            assertThatEvents(audit.awaitTerminal(last.requestId())).endWith("REQUEST_COMPLETED");
            ConsumerRecord<byte[], byte[]> letter = deadLetters.awaitRecord(
                    record -> poisonId.equals(header(record, DeadLetterHeaders.REQUEST_ID)));
            assertThat(header(letter, DeadLetterHeaders.ERROR)).isEqualTo("LEDGER_REJECTED");
            assertThat(header(letter, DeadLetterHeaders.ERROR_DETAIL)).contains("23514").doesNotContain(secret);
            assertThat(audit.eventsOf(poisonId)).isEmpty();
            assertThat(app.rows("users", before)).isZero();
            assertThat(app.rows("users", after)).isZero();
            assertThat(logs.debugEvents()).as("debug logging was on").isPositive();
            subjects = List.of(secret, String.valueOf(before), String.valueOf(after));
            lines = logs.lines();
        } finally {
            ledger.execute("alter table deletion_request drop constraint lethe_test_poison");
        }
        for (String subject : subjects) {
            String hex = HexFormat.of().formatHex(subject.getBytes(StandardCharsets.UTF_8));
            assertThat(lines).as("log lines").noneMatch(line -> line.contains(subject) || line.toLowerCase().contains(hex));
        }
    }

    @Test
    void aRequestWhosePlanningFailsForGoodIsRejectedAndDoesNotHoldBackTheOthers() {
        String poisonId = "unplannable-" + UUID.randomUUID();
        // The oldest RECEIVED row, whose stored record cannot be read: before, it rolled back every planning round.
        ledger.update("""
                insert into deletion_request (request_id, subject_ref, status, run, dry_run, record_key, payload,
                    received_at, updated_at)
                values (?, ?, 'RECEIVED', 1, false, null, ?, now() - interval '1 hour', now())
                """, poisonId, "0".repeat(64), "{not a request".getBytes(StandardCharsets.UTF_8));
        long user = app.newUser();
        DeletionRequests valid = aDeletionRequest().forSubject(user);

        requests.send(valid);

        assertThatEvents(audit.awaitTerminal(valid.requestId())).endWith("REQUEST_COMPLETED");
        List<JsonNode> poison = audit.awaitTerminal(poisonId);
        assertThat(poison).hasSize(1);
        assertThat(poison.get(0).path("type").asString()).isEqualTo("REQUEST_REJECTED");
        assertThat(poison.get(0).path("reason").asString()).isEqualTo("PLANNING_FAILED");
        assertThat(ledger.queryForObject("select status from deletion_request where request_id = ?", String.class, poisonId))
                .isEqualTo("REJECTED");
    }

    @Test
    void aTaskWhoseResourceIsNoLongerConfiguredFailsInsteadOfWaitingForever() {
        String requestId = "retired-" + UUID.randomUUID();
        byte[] payload = aDeletionRequest().withRequestId(requestId).forSubject("retired-subject").toJson()
                .getBytes(StandardCharsets.UTF_8);
        // Planned by an earlier configuration that had a resource named retired_resource.
        ledger.update("""
                insert into deletion_request (request_id, subject_ref, status, run, dry_run, record_key, payload,
                    received_at, started_at, updated_at)
                values (?, ?, 'RUNNING', 1, false, null, ?, now(), now(), now())
                """, requestId, "1".repeat(64), payload);
        ledger.update("""
                insert into deletion_task (request_id, resource, position, status, run, attempts, waiting_on,
                    next_attempt_at, updated_at)
                values (?, 'retired_resource', 0, 'PENDING', 1, 0, 0, now(), now())
                """, requestId);

        List<JsonNode> events = audit.awaitTerminal(requestId);

        // Its REQUEST_ACCEPTED was written when it was planned, before this test's ledger rows stood in for that.
        assertThatEvents(events).haveTypes("TASK_FAILED", "REQUEST_FAILED");
        JsonNode failed = events.stream().filter(event -> event.path("type").asString().equals("TASK_FAILED"))
                .findFirst().orElseThrow();
        assertThat(failed.path("resource").asString()).isEqualTo("retired_resource");
        assertThat(failed.path("error").asString()).isEqualTo("resource no longer configured");
        assertThat(failed.path("attempts").asInt()).as("the cleaner was never called").isZero();
        deadLetters.awaitRecord(record -> requestId.equals(header(record, DeadLetterHeaders.REQUEST_ID)));
    }

    @Test
    void aRecordTooLargeToCopyIsDeadLetteredWithoutItsBytesAndThePartitionGoesOn() throws Exception {
        String key = "big-" + UUID.randomUUID();
        // Just under what the broker accepts: a copy of it plus Lethe's headers cannot fit.
        byte[] huge = ("{\"requestId\":\"huge-" + UUID.randomUUID() + "\",\"subject\":{\"type\":\"user\",\"id\":\"1\"},"
                + "\"reason\":\"" + "x".repeat(1_048_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        long user = app.newUser();
        DeletionRequests behind = aDeletionRequest().forSubject(user);

        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers, ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2_000_000), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            var sent = producer.send(new ProducerRecord<>(topics.requests(), key.getBytes(StandardCharsets.UTF_8), huge))
                    .get(30, TimeUnit.SECONDS);
            producer.send(new ProducerRecord<>(topics.requests(), key.getBytes(StandardCharsets.UTF_8),
                    behind.toJson().getBytes(StandardCharsets.UTF_8))).get(30, TimeUnit.SECONDS);

            assertThatEvents(audit.awaitTerminal(behind.requestId())).endWith("REQUEST_COMPLETED");
            String origin = topics.requests() + "-" + sent.partition() + "@" + sent.offset();
            ConsumerRecord<byte[], byte[]> letter = deadLetters.awaitRecord(
                    record -> origin.equals(header(record, DeadLetterHeaders.ORIGIN)));
            assertThat(header(letter, DeadLetterHeaders.ERROR)).isEqualTo("RECORD_TOO_LARGE");
            assertThat(letter.value()).isEmpty();
            assertThat(header(letter, DeadLetterHeaders.ORIGINAL_SIZE)).isEqualTo(String.valueOf(huge.length));
        }
    }

    @Test
    void anOutboxRecordTheBrokerRefusesIsSetAsideAndTheRecordsBehindItArePublished() {
        String oversized = "oversized-" + UUID.randomUUID();
        ledger.update("""
                insert into outbox (event_id, topic, record_key, payload, headers, request_id, created_at)
                values (null, ?, ?, ?, null, ?, now())
                """, topics.audit(), oversized.getBytes(StandardCharsets.UTF_8), new byte[2_000_000], oversized);
        long user = app.newUser();
        DeletionRequests valid = aDeletionRequest().forSubject(user);

        requests.send(valid);

        assertThatEvents(audit.awaitTerminal(valid.requestId())).endWith("REQUEST_COMPLETED");
        await().atMost(Duration.ofSeconds(30)).until(() -> ledger.queryForObject(
                "select count(*) from outbox_set_aside where request_id = ?", Long.class, oversized) == 1);
        assertThat(ledger.queryForObject("select reason from outbox_set_aside where request_id = ?", String.class, oversized))
                .contains("RecordTooLargeException");
        assertThat(ledger.queryForObject("select count(*) from outbox where request_id = ?", Long.class, oversized))
                .isZero();
    }

    @Test
    void aDeadLetterCopyTheBrokerRefusesGoesWithoutTheRecordsBytes() {
        String requestId = "failed-huge-" + UUID.randomUUID();
        // A failed request's copy for the dead-letter topic, too large for the broker (as with a raised intake limit).
        ledger.update("""
                insert into outbox (event_id, topic, record_key, payload, headers, request_id, created_at)
                values (null, ?, ?, ?, ?, ?, now())
                """, topics.deadLetter(), "k".getBytes(StandardCharsets.UTF_8), new byte[2_000_000],
                "{\"lethe-error\":\"RETRIES_EXHAUSTED\",\"lethe-request-id\":\"" + requestId + "\"}", requestId);

        ConsumerRecord<byte[], byte[]> letter = deadLetters.awaitRecord(
                record -> requestId.equals(header(record, DeadLetterHeaders.REQUEST_ID)));

        assertThat(letter.value()).isEmpty();
        assertThat(header(letter, DeadLetterHeaders.ERROR)).isEqualTo("RETRIES_EXHAUSTED");
        assertThat(header(letter, DeadLetterHeaders.ORIGINAL_SIZE)).isEqualTo("2000000");
        assertThat(ledger.queryForObject("select count(*) from outbox_set_aside where request_id = ?", Long.class, requestId))
                .isZero();
    }
}
