package dev.lethe.cleaners.http;

import dev.lethe.cleaners.SubjectTemplate;
import dev.lethe.core.DeletionRequest.Subject;
import dev.lethe.core.InvalidConfigurationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A JSON body template such as {@code {"userId": "{id}", "reason": "gdpr"}}. The template is JSON as written, with
 * placeholders only inside string values (field names are literal; a brace in a string value is always a
 * placeholder). Each request's body is that JSON with the strings' placeholders filled in and written out by the
 * JSON writer, so every substituted value is JSON-escaped and can never add a field or end a string. Checked at start
 * with a plain and a hostile sample subject. {@link #toString()} is the template.
 */
final class JsonBodyTemplate {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(tools.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final String text;
    private final Part root;

    private JsonBodyTemplate(String text, Part root) {
        this.text = text;
        this.root = root;
    }

    /** @throws InvalidConfigurationException naming the setting, when the template is not JSON or a placeholder is wrong */
    static JsonBodyTemplate parse(String template, String setting) {
        JsonNode tree;
        try {
            tree = JSON.readTree(template);
        } catch (JacksonException e) {
            throw new InvalidConfigurationException(setting + " must be JSON, with placeholders inside strings such as "
                    + "\"{id}\" (" + firstLine(e.getOriginalMessage()) + ")");
        }
        if (tree == null || tree.isMissingNode()) {
            throw new InvalidConfigurationException(setting + " must be JSON, not empty");
        }
        JsonBodyTemplate body = new JsonBodyTemplate(template, Part.of(tree, setting));
        for (Subject sample : List.of(Samples.SUBJECT, Samples.HOSTILE)) {
            try {
                JSON.readTree(body.expand(sample));
            } catch (JacksonException e) {
                throw new IllegalStateException("a body written by the JSON writer is JSON", e);
            }
        }
        return body;
    }

    /** The subject's body: JSON, with every substituted value escaped by the JSON writer. */
    String expand(Subject subject) {
        return JSON.writeValueAsString(root.expand(subject));
    }

    private static String firstLine(String message) {
        return message == null ? "not JSON" : message.lines().findFirst().orElse("not JSON");
    }

    @Override
    public String toString() {
        return text;
    }

    /** A node of the template: a string with placeholders, an object or array holding such, or a constant. */
    private interface Part {

        JsonNode expand(Subject subject);

        static Part of(JsonNode node, String setting) {
            if (node.isString() && (node.asString().indexOf('{') >= 0 || node.asString().indexOf('}') >= 0)) {
                SubjectTemplate template = SubjectTemplate.parse(node.asString(), setting);
                return subject -> JsonNodeFactory.instance.stringNode(template.expand(subject));
            }
            if (node.isObject()) {
                List<Map.Entry<String, Part>> fields = new ArrayList<>();
                node.properties().forEach(field -> fields.add(Map.entry(field.getKey(), of(field.getValue(), setting))));
                return subject -> {
                    ObjectNode object = JsonNodeFactory.instance.objectNode();
                    fields.forEach(field -> object.set(field.getKey(), field.getValue().expand(subject)));
                    return object;
                };
            }
            if (node.isArray()) {
                List<Part> items = new ArrayList<>();
                node.values().forEach(item -> items.add(of(item, setting)));
                return subject -> {
                    ArrayNode array = JsonNodeFactory.instance.arrayNode();
                    items.forEach(item -> array.add(item.expand(subject)));
                    return array;
                };
            }
            JsonNode constant = node.deepCopy();
            return subject -> constant;
        }
    }
}
