package dev.lethe.e2e;

import static dev.lethe.testsupport.AuditAssertions.assertThatEvents;
import static dev.lethe.testsupport.DeadLetterLog.header;
import static dev.lethe.testsupport.DeadLetterLog.value;
import static dev.lethe.testsupport.DeletionRequests.aDeletionRequest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.deadletter.DeadLetterHeaders;
import dev.lethe.testsupport.AppDatabase;
import dev.lethe.testsupport.AuditLog;
import dev.lethe.testsupport.DeadLetterLog;
import dev.lethe.testsupport.DeletionRequests;
import dev.lethe.testsupport.LetheIntegrationTest;
import dev.lethe.testsupport.RequestSender;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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
            ConsumerRecord<byte[], byte[]> record = deadLetters.awaitRecord(r -> value.equals(value(r)));
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
}
