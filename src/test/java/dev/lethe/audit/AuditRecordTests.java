package dev.lethe.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class AuditRecordTests {

    @Test
    void readsAJsonObjectKeepingItsTextExactly() {
        String json = "{\"type\":\"TASK_COMPLETED\",  \"items\":6}";

        AuditRecord record = AuditRecord.of(recordOf(json.getBytes(StandardCharsets.UTF_8)));

        assertThat(record.readable()).isTrue();
        assertThat(record.json()).isEqualTo(json);
        assertThat(record.event().path("items").asInt()).isEqualTo(6);
        assertThat(record.position()).isEqualTo("audit-3@41");
    }

    @Test
    void reportsNonJsonByPlaceWithoutQuotingTheContent() {
        AuditRecord record = AuditRecord.of(recordOf("secret-1001 is not json".getBytes(StandardCharsets.UTF_8)));

        assertThat(record.readable()).isFalse();
        assertThat(record.problem()).startsWith("not valid JSON").doesNotContain("secret").doesNotContain("1001");
    }

    @Test
    void refusesWhatIsNotAnObjectOrHasAKeyTwiceOrTrailingContent() {
        assertThat(AuditRecord.of(recordOf("[1,2]".getBytes(StandardCharsets.UTF_8))).problem()).isEqualTo("not a JSON object");
        assertThat(AuditRecord.of(recordOf("{\"requestId\":\"a\",\"requestId\":\"b\"}".getBytes(StandardCharsets.UTF_8)))
                .readable()).isFalse();
        assertThat(AuditRecord.of(recordOf("{} {}".getBytes(StandardCharsets.UTF_8))).readable()).isFalse();
    }

    @Test
    void refusesBytesThatAreNotUtf8AndEmptyValues() {
        assertThat(AuditRecord.of(recordOf(new byte[] {'{', '"', (byte) 0xC3, '"', '}'})).problem()).isEqualTo("not UTF-8");
        assertThat(AuditRecord.of(recordOf(null)).problem()).isEqualTo("empty value");
        assertThat(AuditRecord.of(recordOf(new byte[0])).problem()).isEqualTo("empty value");
    }

    private static ConsumerRecord<byte[], byte[]> recordOf(byte[] value) {
        return new ConsumerRecord<>("audit", 3, 41, null, value);
    }
}
