package dev.lethe.cli;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Sends one deletion request to the requests topic, as any other service would. */
@Command(name = "request", mixinStandardHelpOptions = true, description = "Send a deletion request.")
final class RequestCommand extends ConfiguredCommand implements Callable<Integer> {

    @Option(names = "--bootstrap-servers", description = "Kafka cluster (default: spring.kafka.bootstrap-servers)")
    String bootstrapServers;

    @Option(names = "--topic", description = "Requests topic (default: lethe.topics.requests)")
    String topic;

    @Option(names = "--subject-id", required = true, description = "The subject's id")
    String subjectId;

    @Option(names = "--subject-type", defaultValue = "user", description = "The subject's type (default: ${DEFAULT-VALUE})")
    String subjectType;

    @Option(names = "--tenant", description = "The subject's tenant")
    String tenant;

    @Option(names = "--request-id", description = "Idempotency key (default: a new UUID)")
    String requestId;

    @Option(names = "--mode", defaultValue = "HARD", description = "HARD or SOFT (default: ${DEFAULT-VALUE})")
    String mode;

    @Option(names = "--dry-run", description = "Count only, change nothing")
    boolean dryRun;

    @Option(names = "--include", split = ",", description = "Resources or categories to erase")
    String[] include;

    @Option(names = "--exclude", split = ",", description = "Resources or categories to leave alone")
    String[] exclude;

    @Option(names = "--execute-after", description = "RFC 3339 time before which nothing runs (a grace period)")
    OffsetDateTime executeAfter;

    @Option(names = "--cancel", description = "Cancel the request --request-id of this subject, if none of its tasks started")
    boolean cancel;

    @Override
    public Integer call() throws Exception {
        if (cancel && requestId == null) {
            System.err.println("--cancel needs the --request-id of the request to cancel");
            return 2;
        }
        String id = requestId != null ? requestId : UUID.randomUUID().toString();
        ObjectNode request = JsonMapper.builder().build().createObjectNode();
        request.put("requestId", id).put("mode", mode).put("dryRun", dryRun).put("requestedBy", "lethe-cli");
        ObjectNode subject = request.putObject("subject").put("type", subjectType).put("id", subjectId);
        if (tenant != null) {
            subject.put("tenant", tenant);
        }
        if (include != null || exclude != null) {
            ObjectNode scope = request.putObject("scope");
            if (include != null) {
                scope.putArray("include").addAll(java.util.Arrays.stream(include).map(request::textNode).toList());
            }
            if (exclude != null) {
                scope.putArray("exclude").addAll(java.util.Arrays.stream(exclude).map(request::textNode).toList());
            }
        }
        if (executeAfter != null) {
            // An Instant prints its seconds always, as RFC 3339 needs (an OffsetDateTime leaves ":00" out).
            request.put("executeAfter", executeAfter.toInstant().toString());
        }
        if (cancel) {
            request.put("cancel", true);
        }
        String topic = either(this.topic, settings().topics().requests());
        Map<String, Object> config = settings().producerProperties(bootstrapServers);
        try (var producer = new KafkaProducer<byte[], byte[]>(config)) {
            producer.send(new ProducerRecord<>(topic, subjectId.getBytes(StandardCharsets.UTF_8),
                    request.toString().getBytes(StandardCharsets.UTF_8))).get(60, TimeUnit.SECONDS);
        }
        System.out.println("sent " + (cancel ? "a cancel of request " : "request ") + id + " to " + topic);
        return 0;
    }
}
