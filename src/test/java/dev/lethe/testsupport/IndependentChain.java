package dev.lethe.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The contract's chainHash computed independently of the worker's code (its own canonical form, from a parsed tree),
 * so a test's expectation cannot share a mistake with what it tests. Audit events hold ASCII keys and no control
 * characters, which is all this canonical form needs to handle.
 */
public final class IndependentChain {

    public static final String FIRST_PREVIOUS = "0".repeat(64);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private IndependentChain() {
    }

    /** Asserts that every event of one request, in the order written, follows from {@code previous} (null: the start). */
    public static String assertChained(String previous, List<JsonNode> events) {
        String head = previous == null ? FIRST_PREVIOUS : previous;
        for (JsonNode event : events) {
            String expected = sha256(head + "\n" + canonicalWithoutChainHash(event));
            assertThat(event.path("chainHash").asString()).as("chainHash of %s %s", event.path("type").asString(),
                    event.path("eventId").asString()).isEqualTo(expected);
            head = expected;
        }
        return head;
    }

    public static String canonicalWithoutChainHash(JsonNode event) {
        StringBuilder out = new StringBuilder();
        Map<String, JsonNode> fields = new TreeMap<>();
        event.properties().forEach(field -> fields.put(field.getKey(), field.getValue()));
        fields.remove("chainHash");
        write(fields, out);
        return out.toString();
    }

    private static void write(Map<String, JsonNode> fields, StringBuilder out) {
        out.append('{');
        String separator = "";
        for (Map.Entry<String, JsonNode> field : fields.entrySet()) {
            out.append(separator).append(JSON.writeValueAsString(field.getKey())).append(':');
            write(field.getValue(), out);
            separator = ",";
        }
        out.append('}');
    }

    private static void write(JsonNode value, StringBuilder out) {
        if (value.isObject()) {
            Map<String, JsonNode> fields = new TreeMap<>();
            value.properties().forEach(field -> fields.put(field.getKey(), field.getValue()));
            write(fields, out);
        } else if (value.isArray()) {
            out.append('[');
            for (int i = 0; i < value.size(); i++) {
                out.append(i == 0 ? "" : ",");
                write(value.get(i), out);
            }
            out.append(']');
        } else {
            out.append(JSON.writeValueAsString(value));
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
