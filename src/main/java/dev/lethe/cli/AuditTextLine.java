package dev.lethe.cli;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import tools.jackson.databind.JsonNode;

/**
 * One audit event as a line an operator reads in a terminal: time, type, request, the subjectRef's first characters,
 * then what the type carries. The topic may hold anything, so every value is shown whatever its JSON type, and
 * control and bidirectional-override characters are escaped: a hostile value can neither break the line nor drive
 * the terminal.
 */
final class AuditTextLine {

    /** Enough of a subjectRef to tell subjects apart by eye; the full ref is in jsonl and csv. */
    static final int SUBJECT_REF_SHOWN = 12;
    private static final int TYPE_WIDTH = "REQUEST_COMPLETED".length();
    private static final String ABSENT = "-";
    /** Shown as {@code name=value}, in this order, where the event has them. */
    private static final List<String> NAMED = List.of("items", "attempts", "verifiedRemaining", "reason", "error", "plan",
            "failedResources", "notRunResources", "dueAt", "executeAfter");

    private AuditTextLine() {
    }

    static String of(JsonNode event) {
        StringBuilder line = new StringBuilder();
        line.append(plain(event.get("occurredAt"))).append("  ")
                .append(String.format("%-" + TYPE_WIDTH + "s", plain(event.get("type")))).append("  ")
                .append(plain(event.get("requestId"))).append("  ")
                .append(shortened(plain(event.get("subjectRef"))));
        if (event.path("dryRun").asBoolean(false)) {
            line.append("  dry-run");
        }
        if (event.path("run").asInt(1) > 1) {
            line.append("  run=").append(event.path("run").asInt());
        }
        appendNamed(line, "batch", event.get("batchId"));
        appendPlain(line, event.get("resource"));
        appendPlain(line, event.get("outcome"));
        NAMED.forEach(name -> appendNamed(line, name, event.get(name)));
        appendSummary(line, event.get("summary"));
        return line.toString();
    }

    private static void appendPlain(StringBuilder line, JsonNode value) {
        if (present(value)) {
            line.append("  ").append(quotedIfNeeded(raw(value)));
        }
    }

    private static void appendNamed(StringBuilder line, String name, JsonNode value) {
        if (present(value)) {
            line.append("  ").append(name).append('=').append(quotedIfNeeded(raw(value)));
        }
    }

    /**
     * {@code summary=chats:DELETED/2,posts:NOTHING_FOUND/0 total=2} (no resources: only the total), or the JSON where
     * the shape is unexpected.
     */
    private static void appendSummary(StringBuilder line, JsonNode summary) {
        if (!present(summary)) {
            return;
        }
        JsonNode resources = summary.get("resources");
        if (resources == null || !resources.isObject()) {
            appendNamed(line, "summary", summary);
            return;
        }
        String perResource = resources.propertyStream()
                .map(entry -> entry.getKey() + ":" + raw(entry.getValue().get("outcome")) + "/" + raw(entry.getValue().get("items")))
                .collect(Collectors.joining(","));
        if (!perResource.isEmpty()) {
            line.append("  summary=").append(quotedIfNeeded(perResource));
        }
        appendNamed(line, "total", summary.get("totalItems"));
    }

    private static boolean present(JsonNode value) {
        return value != null && !value.isNull();
    }

    private static String shortened(String subjectRef) {
        return subjectRef.length() > SUBJECT_REF_SHOWN ? subjectRef.substring(0, SUBJECT_REF_SHOWN) : subjectRef;
    }

    /** A value as text, escaped for the terminal. */
    private static String plain(JsonNode value) {
        return printable(raw(value));
    }

    /** A value as text: strings as they are, arrays as comma-separated elements, objects as JSON. */
    private static String raw(JsonNode value) {
        if (!present(value)) {
            return ABSENT;
        }
        if (value.isArray()) {
            return StreamSupport.stream(value.spliterator(), false).map(AuditTextLine::raw).collect(Collectors.joining(","));
        }
        return value.isString() ? value.asString() : value.toString();
    }

    /** Quoted where a space, a quote or a control character would otherwise make the line ambiguous. */
    private static String quotedIfNeeded(String value) {
        if (value.isEmpty() || value.chars().anyMatch(c -> c <= ' ' || c == '"')) {
            value = '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
        }
        return printable(value);
    }

    /** Control characters (C0, DEL, C1) and bidirectional overrides as {@code \\uXXXX}. */
    static String printable(String value) {
        StringBuilder out = new StringBuilder(value.length());
        value.chars().forEach(c -> {
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.append((char) c);
            }
        });
        return out.toString();
    }
}
