package dev.lethe.e2e;

import static dev.lethe.testsupport.AuditAssertions.assertThatEvents;
import static dev.lethe.testsupport.DeadLetterLog.header;
import static dev.lethe.testsupport.DeadLetterLog.value;
import static dev.lethe.testsupport.DeletionRequests.aDeletionRequest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.deadletter.DeadLetterHeaders;
import dev.lethe.core.TopicsProperties;
import dev.lethe.testsupport.AppDatabase;
import dev.lethe.testsupport.AuditLog;
import dev.lethe.testsupport.DeadLetterLog;
import dev.lethe.testsupport.DeletionRequests;
import dev.lethe.testsupport.LetheIntegrationTest;
import dev.lethe.testsupport.RequestSender;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Poison pills go to the dead-letter topic with a reason and never hold back the records behind them. */
@LetheIntegrationTest
class MalformedRecordsIntegrationTests {

    @Autowired
    RequestSender requests;
    @Autowired
    AuditLog audit;
    @Autowired
    DeadLetterLog deadLetters;
    @Autowired
    AppDatabase app;
    @Autowired
    TopicsProperties topics;

    @Test
    void deadLettersEachKindOfMalformedRecordAndCompletesTheValidOnesBehindThem() {
        long user = app.newUser();
        String secret = "secret-subject-" + UUID.randomUUID();
        // One key puts every record on one partition: the valid request is behind all of them.
        String key = "same-partition-" + UUID.randomUUID();
        Map<String, String> malformed = new LinkedHashMap<>();
        malformed.put("{not json " + secret, "INVALID_JSON");
        malformed.put("[{\"requestId\":\"a\"}]", "SCHEMA_VIOLATION");
        malformed.put("{\"subject\":{\"type\":\"user\",\"id\":\"" + secret + "\"}}", "SCHEMA_VIOLATION");
        malformed.put("{\"requestId\":\"bad id!\",\"subject\":{\"type\":\"user\",\"id\":\"" + secret + "\"}}", "SCHEMA_VIOLATION");
        malformed.put("{\"requestId\":\"no-subject-" + UUID.randomUUID() + "\"}", "SCHEMA_VIOLATION");
        malformed.put("{\"requestId\":\"bad-mode-" + UUID.randomUUID() + "\",\"subject\":{\"type\":\"user\",\"id\":\"" + secret
                + "\"},\"mode\":\"" + secret + "\"}", "SCHEMA_VIOLATION");
        malformed.put("{\"requestId\":\"bad-time-" + UUID.randomUUID() + "\",\"subject\":{\"type\":\"user\",\"id\":\"" + secret
                + "\"},\"requestedAt\":\"yesterday\"}", "SCHEMA_VIOLATION");
        malformed.put("{\"requestId\":\"empty-include-" + UUID.randomUUID() + "\",\"subject\":{\"type\":\"user\",\"id\":\"" + secret
                + "\"},\"scope\":{\"include\":[]}}", "SCHEMA_VIOLATION");
        malformed.put("", "INVALID_JSON");
        malformed.forEach((value, code) -> requests.send(key, value));
        DeletionRequests valid = aDeletionRequest().forSubject(user);
        requests.send(key, valid.toJson());

        assertThatEvents(audit.awaitTerminal(valid.requestId())).endWith("REQUEST_COMPLETED");
        malformed.forEach((value, code) -> {
            // By key too: other tests of this context dead-letter records with an empty value.
            ConsumerRecord<byte[], byte[]> record = deadLetters.awaitRecord(
                    r -> value.equals(value(r)) && r.key() != null && key.equals(new String(r.key())));
            assertThat(header(record, DeadLetterHeaders.ERROR)).as("code of %s", value).isEqualTo(code);
            assertThat(header(record, DeadLetterHeaders.ERROR_DETAIL)).isNotBlank().doesNotContain("\n").doesNotContain(secret);
            assertThat(new String(record.key())).isEqualTo(key);
        });
        assertThat(app.rows("users", user)).isZero();
    }

    @Test
    void namesTheBrokenFieldInTheDetail() {
        String requestId = "bad-mode-" + UUID.randomUUID();
        String value = "{\"requestId\":\"" + requestId + "\",\"subject\":{\"type\":\"user\",\"id\":\"1\"},\"mode\":\"LOUD\"}";

        requests.send("k", value);

        ConsumerRecord<byte[], byte[]> record = deadLetters.awaitRecord(r -> value.equals(value(r)));
        assertThat(header(record, DeadLetterHeaders.ERROR_DETAIL)).contains("mode");
        assertThat(audit.eventsOf(requestId)).isEmpty();
    }

    /**
     * Records that PostgreSQL or the subjectRef input cannot hold, each on its own partition and followed there by a
     * valid request: before the Text and Size rules, the NUL in scope.include stalled intake on every partition, and
     * the duplicate key erased its second subject.
     */
    @Test
    void deadLettersTextAndSizeViolationsAndCompletesTheValidRequestBehindEachOnEveryPartition() {
        String secret = "secret-subject-" + UUID.randomUUID();
        List<Poison> poisons = new ArrayList<>();
        long victim = app.newUser();
        poisons.add(new Poison(victim, "INVALID_JSON", withBom(request(victim, "").getBytes(StandardCharsets.UTF_16LE))));
        victim = app.newUser();
        poisons.add(new Poison(victim, "INVALID_JSON", utf8("{\"requestId\":\"" + newId() + "\","
                + "\"subject\":{\"type\":\"user\",\"id\":\"" + secret + "\"},"
                + "\"subject\":{\"type\":\"user\",\"id\":\"" + victim + "\"}}")));
        victim = app.newUser();
        poisons.add(new Poison(victim, "SCHEMA_VIOLATION",
                utf8(request(victim, ",\"scope\":{\"include\":[\"chat_messages\\u0000\"]}"))));
        victim = app.newUser();
        poisons.add(new Poison(victim, "SCHEMA_VIOLATION", utf8(request(victim, "").replace(victim + "\"", victim + "\\u0000\""))));
        victim = app.newUser();
        poisons.add(new Poison(victim, "SCHEMA_VIOLATION", utf8(request(victim, "").replace("\"user\"}", "\"user\",\"tenant\":\"acme\\n\"}"))));
        victim = app.newUser();
        poisons.add(new Poison(victim, "SCHEMA_VIOLATION", utf8(request(victim, "").replace("\"user\"}", "\"user\\n\"}"))));
        victim = app.newUser();
        poisons.add(new Poison(victim, "RECORD_TOO_LARGE",
                utf8(request(victim, ",\"reason\":\"" + "x".repeat(70 * 1024) + "\""))));
        List<String> keys = keysOnEveryPartition(poisons.size());
        Map<Poison, DeletionRequests> followers = new LinkedHashMap<>();
        for (int i = 0; i < poisons.size(); i++) {
            Poison poison = poisons.get(i);
            requests.send(utf8(keys.get(i)), poison.value());
            DeletionRequests valid = aDeletionRequest().forSubject(app.newUser());
            requests.send(keys.get(i), valid.toJson());
            followers.put(poison, valid);
        }

        followers.forEach((poison, valid) -> {
            assertThatEvents(audit.awaitTerminal(valid.requestId())).endWith("REQUEST_COMPLETED");
            assertThat(rowsOf(Long.parseLong(valid.subjectId()))).as("rows of the request behind %s", poison.code())
                    .containsOnly(0L);
        });
        for (int i = 0; i < poisons.size(); i++) {
            Poison poison = poisons.get(i);
            ConsumerRecord<byte[], byte[]> record = deadLetters.awaitRecord(r -> Arrays.equals(poison.value(), r.value()));
            assertThat(header(record, DeadLetterHeaders.ERROR)).as("code of poison %d", i).isEqualTo(poison.code());
            assertThat(header(record, DeadLetterHeaders.ERROR_DETAIL)).isNotBlank().doesNotContain("\n").doesNotContain("\u0000")
                    .doesNotContain(secret).doesNotContain(Long.toString(poison.victim()));
            assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(keys.get(i));
            assertThat(rowsOf(poison.victim())).as("rows of the subject of poison %d", i)
                    .containsExactly(1L, (long) AppDatabase.CHATS_PER_USER,
                            (long) AppDatabase.CHATS_PER_USER * AppDatabase.MESSAGES_PER_CHAT,
                            (long) AppDatabase.POSTS_PER_USER, (long) AppDatabase.SESSIONS_PER_USER);
        }
    }

    /** A record that must be dead-lettered with {@code code}; {@code victim} is the seeded user it names. */
    private record Poison(long victim, String code, byte[] value) {
    }

    private static String request(long subject, String moreFields) {
        return "{\"requestId\":\"" + newId() + "\",\"subject\":{\"id\":\"" + subject + "\",\"type\":\"user\"}" + moreFields + "}";
    }

    private static String newId() {
        return "poison-" + UUID.randomUUID();
    }

    private List<Long> rowsOf(long user) {
        return List.of(app.rows("users", user), app.rows("chats", user), app.rows("chat_messages", user),
                app.rows("posts", user), app.rows("sessions", user));
    }

    /**
     * Keys that the producer's default partitioner (murmur2 of the key) spreads over every partition of the requests
     * topic before any partition gets a second one.
     */
    private List<String> keysOnEveryPartition(int count) {
        List<String> keys = new ArrayList<>();
        Set<Integer> used = new HashSet<>();
        String prefix = "poison-key-" + UUID.randomUUID() + "-";
        for (int n = 0; keys.size() < count; n++) {
            String key = prefix + n;
            int partition = Utils.toPositive(Utils.murmur2(utf8(key))) % topics.partitions();
            if (used.add(partition) || used.size() == topics.partitions()) {
                keys.add(key);
            }
        }
        return keys;
    }

    private static byte[] withBom(byte[] utf16le) {
        byte[] record = new byte[utf16le.length + 2];
        record[0] = (byte) 0xFF;
        record[1] = (byte) 0xFE;
        System.arraycopy(utf16le, 0, record, 2, utf16le.length);
        return record;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
