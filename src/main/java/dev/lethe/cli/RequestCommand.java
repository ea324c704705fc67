package dev.lethe.cli;

import dev.lethe.intake.IntakeProperties;
import dev.lethe.intake.ParsedRecord;
import dev.lethe.intake.RequestParser;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sends one deletion request to the requests topic, as any other service would, after checking it exactly as the
 * worker's intake will: a request the worker would dead-letter is refused here, with the same message, and not sent.
 */
@Command(name = "request", mixinStandardHelpOptions = true, description = {"Send a deletion request.",
        "Exit status: 0 sent (with --wait: REQUEST_COMPLETED); 1 Kafka did not answer, or (with --wait) REQUEST_FAILED "
                + "or REQUEST_REJECTED; 2 an invalid request or option, nothing sent; 3 (with --wait) no outcome "
                + "within --timeout: the request is still open, or its id had already ended and is final."})
final class RequestCommand extends ConfiguredCommand implements Callable<Integer> {

    static final int SENT = 0;
    static final int NOT_COMPLETED = 1;
    static final int INVALID = 2;
    static final int NO_OUTCOME_IN_TIME = 3;

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration WAIT_TIMEOUT = Duration.ofMinutes(5);

    @Option(names = "--bootstrap-servers", description = "Kafka cluster (default: spring.kafka.bootstrap-servers)")
    String bootstrapServers;

    @Option(names = "--topic", description = "Requests topic (default: lethe.topics.requests)")
    String topic;

    @Option(names = "--audit-topic", description = "Audit topic --wait follows (default: lethe.topics.audit)")
    String auditTopic;

    @Option(names = "--subject-id", required = true, description = "The subject's id")
    String subjectId;

    @Option(names = "--subject-type", defaultValue = "user", description = "The subject's type (default: ${DEFAULT-VALUE})")
    String subjectType;

    @Option(names = "--tenant", description = "The subject's tenant")
    String tenant;

    @Option(names = "--request-id", description = "Idempotency key, 1-128 of A-Z a-z 0-9 . _ : - (default: a new UUID)")
    String requestId;

    @Option(names = "--mode", defaultValue = "HARD", description = "HARD or SOFT, in any case (default: ${DEFAULT-VALUE})")
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

    @Option(names = "--wait", description = "Follow the audit topic and print the outcome per resource")
    boolean waitForOutcome;

    @Option(names = "--timeout", converter = DurationConverter.class,
            description = "How long to wait for Kafka, and with --wait for the outcome, e.g. 30s, 10m (default: 15s; with --wait 5m)")
    Duration timeout;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (cancel && requestId == null) {
            err().println("lethe request: --cancel needs the --request-id of the request to cancel");
            return INVALID;
        }
        String id = requestId != null ? requestId : UUID.randomUUID().toString();
        byte[] value = requestJson(id).toString().getBytes(StandardCharsets.UTF_8);
        int maxRecordBytes = settings().bind("lethe.intake", IntakeProperties.class).maxRecordBytes();
        // The intake's own parser, so the CLI can neither refuse what the worker accepts nor send what it dead-letters.
        if (new RequestParser(JsonMapper.builder().build(), maxRecordBytes).parse(value) instanceof ParsedRecord.Malformed bad) {
            err().println("lethe request: invalid request (" + bad.code() + "), nothing sent: " + bad.detail());
            return INVALID;
        }
        Duration bound = timeout != null ? timeout : waitForOutcome ? WAIT_TIMEOUT : SEND_TIMEOUT;
        Instant deadline = Instant.now().plus(bound);
        String requestsTopic = either(topic, settings().topics().requests());
        if (!waitForOutcome) {
            send(requestsTopic, id, value, bound);
            return SENT;
        }
        try (OutcomeWatch watch = OutcomeWatch.from(settings().consumerProperties(bootstrapServers),
                either(auditTopic, settings().topics().audit()), bound)) {
            send(requestsTopic, id, value, bound);
            out().println("waiting up to " + bound.toSeconds() + "s for its outcome on " + watch.topic());
            out().flush();
            Optional<String> terminal = watch.awaitTerminal(id, deadline, out());
            if (terminal.isEmpty()) {
                err().println("lethe request: no outcome for " + id + " within " + bound.toSeconds() + "s (exit "
                        + NO_OUTCOME_IN_TIME + "): it may still be running; see lethe status or the audit topic");
                return NO_OUTCOME_IN_TIME;
            }
            return terminal.get().equals("REQUEST_COMPLETED") ? SENT : NOT_COMPLETED;
        }
    }

    private void send(String requestsTopic, String id, byte[] value, Duration bound) {
        BoundedSend.send(settings().producerProperties(bootstrapServers), requestsTopic,
                subjectId.getBytes(StandardCharsets.UTF_8), value, bound, id);
        out().println("sent " + (cancel ? "a cancel of request " : "request ") + id + " to " + requestsTopic);
        out().flush();
    }

    private ObjectNode requestJson(String id) {
        ObjectNode request = JsonMapper.builder().build().createObjectNode();
        // The schema's enum is upper case; a person typing --mode soft means SOFT, and anything else still fails it.
        request.put("requestId", id).put("mode", mode.toUpperCase(Locale.ROOT)).put("dryRun", dryRun)
                .put("requestedBy", "lethe-cli");
        ObjectNode subject = request.putObject("subject").put("type", subjectType).put("id", subjectId);
        if (tenant != null) {
            subject.put("tenant", tenant);
        }
        if (include != null || exclude != null) {
            ObjectNode scope = request.putObject("scope");
            if (include != null) {
                scope.putArray("include").addAll(Arrays.stream(include).map(request::textNode).toList());
            }
            if (exclude != null) {
                scope.putArray("exclude").addAll(Arrays.stream(exclude).map(request::textNode).toList());
            }
        }
        if (executeAfter != null) {
            // An Instant prints its seconds always, as RFC 3339 needs (an OffsetDateTime leaves ":00" out).
            request.put("executeAfter", executeAfter.toInstant().toString());
        }
        if (cancel) {
            request.put("cancel", true);
        }
        return request;
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    private PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
