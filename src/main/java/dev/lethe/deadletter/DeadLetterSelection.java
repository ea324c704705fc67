package dev.lethe.deadletter;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Which dead-letter records to replay.
 *
 * @param codes {@code lethe-error} values to take
 * @param requestIds request ids to take; empty means any
 * @param since take records written at or after this time; null means all
 */
public record DeadLetterSelection(Set<DeadLetterCode> codes, Set<String> requestIds, Instant since) {

    public boolean matches(ConsumerRecord<byte[], byte[]> record) {
        String code = header(record, DeadLetterHeaders.ERROR);
        if (code == null || codes.stream().noneMatch(c -> c.name().equals(code))) {
            return false;
        }
        if (!requestIds.isEmpty() && !requestIds.contains(header(record, DeadLetterHeaders.REQUEST_ID))) {
            return false;
        }
        return since == null || !Instant.ofEpochMilli(record.timestamp()).isBefore(since);
    }

    static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
