package dev.lethe.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The audit topic as the compliance team sees it, every event checked against {@code schemas/audit-event.v1.json}. */
public class AuditLog implements AutoCloseable {

    private static final Set<String> TERMINAL = Set.of("REQUEST_COMPLETED", "REQUEST_FAILED", "REQUEST_REJECTED",
            "REQUEST_CANCELLED");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Schema SCHEMA = loadSchema();

    private final TopicRecorder recorder;

    public AuditLog(String bootstrapServers, String topic) {
        this.recorder = new TopicRecorder(bootstrapServers, topic);
    }

    /** Every event of a request, in the order written (one key, one partition). */
    public List<JsonNode> eventsOf(String requestId) {
        return recorder.records().stream()
                .filter(record -> requestId.equals(new String(record.key(), StandardCharsets.UTF_8)))
                .map(AuditLog::parseAndValidate)
                .toList();
    }

    public List<JsonNode> all() {
        return recorder.records().stream().map(AuditLog::parseAndValidate).toList();
    }

    public List<ConsumerRecord<byte[], byte[]>> rawRecords() {
        return recorder.records();
    }

    /** Waits until the request has a terminal event, then returns all its events. */
    public List<JsonNode> awaitTerminal(String requestId) {
        await().atMost(Duration.ofSeconds(60))
                .until(() -> eventsOf(requestId).stream().anyMatch(AuditLog::isTerminal));
        return eventsOf(requestId);
    }

    /** Waits until the given run of the request (2 and up after replays) has a terminal event; returns that run's events. */
    public List<JsonNode> awaitTerminal(String requestId, int run) {
        await().atMost(Duration.ofSeconds(60)).until(() -> eventsOf(requestId).stream()
                .anyMatch(event -> event.path("run").asInt() == run && isTerminal(event)));
        return eventsOf(requestId).stream().filter(event -> event.path("run").asInt() == run).toList();
    }

    public static boolean isTerminal(JsonNode event) {
        return TERMINAL.contains(event.path("type").asString());
    }

    private static JsonNode parseAndValidate(ConsumerRecord<byte[], byte[]> record) {
        JsonNode event = JSON.readTree(record.value());
        assertThat(SCHEMA.validate(event)).as("audit event %s against the schema", event).isEmpty();
        return event;
    }

    @Override
    public void close() {
        recorder.close();
    }

    private static Schema loadSchema() {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
        try (InputStream in = AuditLog.class.getResourceAsStream("/schemas/audit-event.v1.json")) {
            return registry.getSchema(in);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
