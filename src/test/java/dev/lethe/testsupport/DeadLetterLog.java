package dev.lethe.testsupport;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/** The dead-letter topic as an operator sees it. */
public class DeadLetterLog implements AutoCloseable {

    private final TopicRecorder recorder;

    public DeadLetterLog(String bootstrapServers, String topic) {
        this.recorder = new TopicRecorder(bootstrapServers, topic);
    }

    public List<ConsumerRecord<byte[], byte[]>> records() {
        return recorder.records();
    }

    public ConsumerRecord<byte[], byte[]> awaitRecord(Predicate<ConsumerRecord<byte[], byte[]>> matching) {
        await().atMost(Duration.ofSeconds(60)).until(() -> records().stream().anyMatch(matching));
        return records().stream().filter(matching).findFirst().orElseThrow();
    }

    public static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    public static String value(ConsumerRecord<byte[], byte[]> record) {
        return record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        recorder.close();
    }
}
