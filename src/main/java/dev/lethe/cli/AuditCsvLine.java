package dev.lethe.cli;

import java.util.List;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * Audit events as CSV (RFC 4180): fixed columns, so a spreadsheet or a script can rely on them whatever the event
 * type; a field an event does not have is empty. Values are exported as they are (no escaping of control
 * characters): a field holding a comma, a double quote or a line break is quoted, its quotes doubled.
 */
final class AuditCsvLine {

    static final List<String> COLUMNS = List.of("occurredAt", "type", "requestId", "subjectRef", "batchId", "resource",
            "outcome", "items", "attempts", "error", "reason", "dryRun");
    /** RFC 4180 ends every record, the header too, with CRLF. */
    static final String END = "\r\n";

    private AuditCsvLine() {
    }

    static String header() {
        return String.join(",", COLUMNS) + END;
    }

    static String of(JsonNode event) {
        return COLUMNS.stream().map(column -> quoted(value(event.get(column)))).collect(Collectors.joining(",")) + END;
    }

    /** Strings as they are, numbers and booleans as their JSON text, arrays and objects as JSON. */
    private static String value(JsonNode node) {
        if (node == null || node.isNull()) {
            return "";
        }
        return node.isString() ? node.asString() : node.toString();
    }

    static String quoted(String field) {
        if (field.chars().anyMatch(c -> c == ',' || c == '"' || c == '\r' || c == '\n')) {
            return '"' + field.replace("\"", "\"\"") + '"';
        }
        return field;
    }
}
