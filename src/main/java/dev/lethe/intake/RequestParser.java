package dev.lethe.intake;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import dev.lethe.deadletter.DeadLetterCode;
import dev.lethe.intake.DeletionRequest.Mode;
import dev.lethe.intake.DeletionRequest.Subject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns the bytes of a requests-topic record into a {@link DeletionRequest}, validating them against
 * {@code schemas/deletion-request.v1.json}, the same file users read.
 */
public final class RequestParser {

    static final String SCHEMA_RESOURCE = "/schemas/deletion-request.v1.json";
    private static final int MAX_ERRORS_IN_DETAIL = 3;

    private final JsonMapper json;
    private final Schema schema;

    public RequestParser(JsonMapper json) {
        this.json = json;
        this.schema = loadSchema();
    }

    public ParsedRecord parse(byte[] value) {
        if (value == null || value.length == 0) {
            return new ParsedRecord.Malformed(DeadLetterCode.INVALID_JSON, "empty record value");
        }
        JsonNode node;
        try {
            node = json.readTree(value);
        } catch (JacksonException e) {
            // Jackson's message quotes the input, which may hold subject data: report the position only.
            var location = e.getLocation();
            return new ParsedRecord.Malformed(DeadLetterCode.INVALID_JSON, "not parseable as JSON"
                    + (location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")"));
        }
        if (node == null || node.isMissingNode()) {
            return new ParsedRecord.Malformed(DeadLetterCode.INVALID_JSON, "no JSON value");
        }
        List<Error> errors = schema.validate(node);
        if (!errors.isEmpty()) {
            return new ParsedRecord.Malformed(DeadLetterCode.SCHEMA_VIOLATION, describe(errors));
        }
        return new ParsedRecord.Valid(toRequest(node));
    }

    /** Reads a payload the intake already validated (from the ledger), without validating it again. */
    public DeletionRequest readValidated(byte[] value) {
        return toRequest(json.readTree(value));
    }

    private static DeletionRequest toRequest(JsonNode node) {
        JsonNode subject = node.path("subject");
        JsonNode scope = node.path("scope");
        return new DeletionRequest(
                node.path("requestId").asString(),
                new Subject(subject.path("type").asString(), subject.path("id").asString(),
                        subject.path("tenant").asString("")),
                Mode.valueOf(node.path("mode").asString("HARD")),
                strings(scope.path("include")),
                strings(scope.path("exclude")),
                node.path("dryRun").asBoolean(false),
                textOrNull(node.path("reason")),
                textOrNull(node.path("requestedBy")),
                textOrNull(node.path("batchId")));
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(element -> values.add(element.asString()));
        return values;
    }

    private static String textOrNull(JsonNode node) {
        return node.isString() ? node.asString() : null;
    }

    /**
     * Names where the record breaks the schema and which rule it breaks. The validator's messages name the
     * location and the rule, never the offending value, so no subject data reaches the header.
     */
    private static String describe(List<Error> errors) {
        String described = errors.stream()
                .limit(MAX_ERRORS_IN_DETAIL)
                .map(RequestParser::describe)
                .map(message -> message.replaceAll("[\\r\\n]+", " "))
                .collect(Collectors.joining("; "));
        int more = errors.size() - MAX_ERRORS_IN_DETAIL;
        return more > 0 ? described + " (and " + more + " more)" : described;
    }

    private static String describe(Error error) {
        String location = String.valueOf(error.getInstanceLocation());
        return (location.isEmpty() ? "record" : location) + ": " + error.getMessage();
    }

    private static Schema loadSchema() {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemaRegistryConfig(
                        SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
        try (InputStream in = RequestParser.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(SCHEMA_RESOURCE + " is missing from the classpath");
            }
            return registry.getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
