package dev.lethe.cli;

import dev.lethe.audit.ChainVerifier.Chain;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * A request's erasure receipt, for people: what was erased, where and when, what counting again found, and the
 * chain head that ties the receipt to the audit topic (a later {@code lethe audit verify --request-id} must end at
 * the same head). Built only from the events on the topic, whose chain has been verified; never from subject data.
 */
record ErasureReceipt(Chain chain, List<JsonNode> events, String topic) {

    private static final Set<String> TERMINAL = Set.of("REQUEST_COMPLETED", "REQUEST_FAILED", "REQUEST_REJECTED",
            "REQUEST_CANCELLED");

    void print(PrintWriter out) {
        JsonNode first = events.get(0);
        out.println("Erasure receipt for request " + chain.requestId());
        out.println("  subjectRef   " + first.path("subjectRef").asString()
                + "  (HMAC-SHA256 of the subject with lethe.audit.subject-key; ids are never printed)");
        text(first, "batchId").ifPresent(batch -> out.println("  batch        " + batch));
        out.println("  dry run      " + (first.path("dryRun").asBoolean() ? "yes: nothing was erased, items are what would be" : "no"));
        out.println("  runs         " + events.stream().mapToInt(event -> event.path("run").asInt(1)).max().orElse(1));
        last("REQUEST_ACCEPTED").ifPresent(accepted -> out.println("  accepted     " + accepted.path("occurredAt").asString()
                + "  plan: " + String.join(", ", strings(accepted.path("plan")))));
        out.println("  result       " + result());
        out.println();
        printResources(out);
        out.println();
        out.println("  trail        " + chain.events() + " events on " + topic + (chain.repeated() > 0 ? " (" + chain.repeated()
                + " read again, identical)" : "") + "; every chainHash recomputed: the chain holds");
        out.println("  chain head   " + chain.head());
        out.println("               the chainHash of the last event (" + chain.lastEvent().path("type").asString()
                + ", eventId " + chain.lastEvent().path("eventId").asString() + ")");
        out.println("  check later  java -jar lethe.jar audit verify --request-id " + chain.requestId());
        out.println("               must print \"chain holds, head " + chain.head() + "\"");
    }

    private String result() {
        return events.stream().filter(event -> TERMINAL.contains(event.path("type").asString())).reduce((a, b) -> b)
                .map(end -> end.path("type").asString().substring("REQUEST_".length()) + " at "
                        + end.path("occurredAt").asString() + text(end, "reason").map(reason -> " (" + reason + ")").orElse("")
                        + (end.has("summary") ? ", " + end.path("summary").path("totalItems").asLong() + " items" : ""))
                .orElse("open: no terminal event yet");
    }

    /** One row per resource: its last task event (a resource that failed, then completed after a replay, completed). */
    private void printResources(PrintWriter out) {
        Map<String, JsonNode> byResource = new LinkedHashMap<>();
        events.stream().filter(event -> event.path("type").asString().startsWith("TASK_"))
                .forEach(event -> byResource.put(event.path("resource").asString(), event));
        if (byResource.isEmpty()) {
            out.println("  no resource was touched");
            return;
        }
        TextTable table = new TextTable("resource", "outcome", "#items", "#verifiedRemaining", "#attempts", "at");
        byResource.forEach((resource, event) -> table.row(resource,
                event.path("type").asString().equals("TASK_FAILED") ? "FAILED" : event.path("outcome").asString(),
                number(event, "items"), number(event, "verifiedRemaining"), number(event, "attempts"),
                event.path("occurredAt").asString()));
        table.print(out, "  ");
        byResource.values().stream().filter(event -> event.has("error"))
                .forEach(event -> out.println("  " + event.path("resource").asString() + " failed: " + event.path("error").asString()));
    }

    private Optional<JsonNode> last(String type) {
        return events.stream().filter(event -> event.path("type").asString().equals(type)).reduce((a, b) -> b);
    }

    private static Optional<String> text(JsonNode event, String field) {
        JsonNode value = event.get(field);
        return value != null && value.isString() ? Optional.of(value.asString()) : Optional.empty();
    }

    private static String number(JsonNode event, String field) {
        JsonNode value = event.get(field);
        return value == null || !value.isNumber() ? null : value.asString();
    }

    private static List<String> strings(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).collect(Collectors.toList());
    }
}
