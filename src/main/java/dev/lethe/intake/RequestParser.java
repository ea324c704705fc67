package dev.lethe.intake;

import dev.lethe.core.DeletionRequest;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import dev.lethe.deadletter.DeadLetterCode;
import dev.lethe.core.DeletionRequest.Mode;
import dev.lethe.core.DeletionRequest.Subject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns the bytes of a requests-topic record into a {@link DeletionRequest}, validating them against
 * {@code schemas/deletion-request.v1.json}, the same file users read, and against the rules the schema cannot
 * express. In order, each check before any work the next one costs:
 *
 * <ol>
 * <li>size: over {@code lethe.intake.max-record-bytes}: {@code RECORD_TOO_LARGE};</li>
 * <li>strict UTF-8, without a byte order mark ({@link StrictUtf8}): otherwise {@code INVALID_JSON};</li>
 * <li>JSON with no object holding the same key twice: otherwise {@code INVALID_JSON} (with the last value silently
 * winning, a record naming two subjects would erase the second);</li>
 * <li>the schema, then the string rules ({@link StringRules}): otherwise {@code SCHEMA_VIOLATION}.</li>
 * </ol>
 *
 * {@link #parse} never throws, whatever the bytes: a record it throws on would be retried forever and hold back its
 * partition. Details name places (byte offsets, lines and columns, JSON pointers) and rules, never values.
 */
public final class RequestParser {

    static final String SCHEMA_RESOURCE = "/schemas/deletion-request.v1.json";
    /** The default of {@code lethe.intake.max-record-bytes}. */
    public static final int DEFAULT_MAX_RECORD_BYTES = 65_536;
    private static final int MAX_ERRORS_IN_DETAIL = 3;
    private static final String EXECUTE_AFTER = "executeAfter";
    private static final Logger log = LoggerFactory.getLogger(RequestParser.class);

    private final JsonMapper json;
    private final JsonMapper strictJson;
    private final Schema schema;
    private final int maxRecordBytes;

    /** A parser with the default record size limit. */
    public RequestParser(JsonMapper json) {
        this(json, DEFAULT_MAX_RECORD_BYTES);
    }

    public RequestParser(JsonMapper json, int maxRecordBytes) {
        if (maxRecordBytes < 1) {
            throw new IllegalArgumentException("maxRecordBytes must be positive");
        }
        this.json = json;
        // A copy, so duplicate detection applies to incoming records only, not to the application's other JSON.
        this.strictJson = json.rebuild().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
        this.schema = loadSchema();
        this.maxRecordBytes = maxRecordBytes;
    }

    public ParsedRecord parse(byte[] value) {
        try {
            return check(value);
        } catch (RuntimeException e) {
            // A bug in a library or here must not stall intake: the record is dead-lettered and can be replayed once
            // fixed. Only the type and place are logged: messages of parsing libraries may quote the input.
            StackTraceElement[] trace = e.getStackTrace();
            log.error("request parser failed on a record: {} at {}", e.getClass().getName(),
                    trace.length > 0 ? trace[0] : "unknown place");
            return new ParsedRecord.Malformed(DeadLetterCode.SCHEMA_VIOLATION,
                    "could not be validated (" + e.getClass().getSimpleName() + ")");
        }
    }

    private ParsedRecord check(byte[] value) {
        if (value == null || value.length == 0) {
            return new ParsedRecord.Malformed(DeadLetterCode.INVALID_JSON, "empty record value");
        }
        if (value.length > maxRecordBytes) {
            return new ParsedRecord.Malformed(DeadLetterCode.RECORD_TOO_LARGE, "record value of " + value.length
                    + " bytes is over lethe.intake.max-record-bytes (" + maxRecordBytes + ")");
        }
        StrictUtf8.Decoded decoded = StrictUtf8.decode(value);
        if (decoded instanceof StrictUtf8.NotUtf8 notUtf8) {
            return new ParsedRecord.Malformed(DeadLetterCode.INVALID_JSON, notUtf8.detail());
        }
        JsonNode node;
        try {
            // From the decoded text, never the bytes: Jackson would detect (and accept) UTF-16 and UTF-32 itself.
            node = strictJson.readTree(((StrictUtf8.Text) decoded).value());
        } catch (JacksonException e) {
            return new ParsedRecord.Malformed(DeadLetterCode.INVALID_JSON, notJson(e));
        }
        if (node == null || node.isMissingNode()) {
            return new ParsedRecord.Malformed(DeadLetterCode.INVALID_JSON, "no JSON value");
        }
        List<Error> errors = schema.validate(node);
        if (!errors.isEmpty()) {
            return new ParsedRecord.Malformed(DeadLetterCode.SCHEMA_VIOLATION, describe(errors));
        }
        Optional<String> badString = StringRules.firstViolation(node);
        if (badString.isPresent()) {
            return new ParsedRecord.Malformed(DeadLetterCode.SCHEMA_VIOLATION, badString.get());
        }
        if (node.has(EXECUTE_AFTER) && executeAfterOf(node) == null) {
            // The schema's date-time accepts what java.time cannot hold (a leap second): refused, never guessed.
            return new ParsedRecord.Malformed(DeadLetterCode.SCHEMA_VIOLATION,
                    "/executeAfter: not an RFC 3339 date-time this worker can read");
        }
        if (!Rfc3339.isReadable(textOrNull(node.path("requestedAt")))) {
            // The deadline counts from it: a time the schema's format accepts but no Instant can hold is refused here.
            return new ParsedRecord.Malformed(DeadLetterCode.SCHEMA_VIOLATION, "/requestedAt: not a readable RFC 3339 time");
        }
        return new ParsedRecord.Valid(toRequest(node));
    }

    /**
     * Jackson's messages quote the input (a duplicate key by name), which may hold subject data: the detail says what
     * is wrong and where, in words of its own.
     */
    private static String notJson(JacksonException e) {
        TokenStreamLocation location = e.getLocation();
        String at = location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
        if (e instanceof StreamConstraintsException) {
            return "over a JSON parser limit (nesting depth, number or name length)" + at;
        }
        if (isDuplicateKey(e)) {
            String pointer = e.processor() instanceof JsonParser parser ? SafePointer.of(parser.streamReadContext()) : "";
            return "an object holds the same key twice" + (pointer.isEmpty() ? "" : " at " + pointer) + at;
        }
        return "not parseable as JSON" + at;
    }

    /**
     * Jackson reports a duplicate key as a plain StreamReadException that only its message tells apart. Should the
     * wording change, the detail falls back to "not parseable as JSON" (the code stays right) and the tests notice.
     */
    private static boolean isDuplicateKey(JacksonException e) {
        return e instanceof StreamReadException && e.getOriginalMessage() != null
                && e.getOriginalMessage().startsWith("Duplicate Object property");
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
                textOrNull(node.path("batchId")),
                executeAfterOf(node),
                node.path("cancel").asBoolean(false),
                Rfc3339.instantOrNull(textOrNull(node.path("requestedAt"))));
    }

    /** The request's {@code executeAfter} as an instant; null when absent or not readable. */
    private static Instant executeAfterOf(JsonNode node) {
        String text = textOrNull(node.path(EXECUTE_AFTER));
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
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
        return SafePointer.describe(String.valueOf(error.getInstanceLocation())) + ": " + error.getMessage();
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
