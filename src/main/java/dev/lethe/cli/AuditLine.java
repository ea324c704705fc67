package dev.lethe.cli;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * One audit event as one readable line: its type, and what an operator needs of it (per resource: outcome, items,
 * attempts, error; per request: plan, reason, totals). Events carry no subject data, and neither does the line.
 */
final class AuditLine {

    private AuditLine() {
    }

    static String of(JsonNode event) {
        String type = event.path("type").asString();
        List<String> parts = new ArrayList<>();
        parts.add(String.format("%-18s", type));
        switch (type) {
            case "REQUEST_ACCEPTED" -> parts.add("plan: " + names(event.path("plan")));
            case "TASK_COMPLETED" -> {
                parts.add(String.format("%-20s", event.path("resource").asString()));
                parts.add(String.format("%-13s", event.path("outcome").asString()));
                parts.add("items=" + event.path("items").asLong());
                parts.add("attempts=" + event.path("attempts").asInt());
            }
            case "TASK_FAILED" -> {
                parts.add(String.format("%-20s", event.path("resource").asString()));
                parts.add(String.format("%-13s", "FAILED"));
                parts.add("attempts=" + event.path("attempts").asInt());
                parts.add("error=" + event.path("error").asString());
            }
            case "REQUEST_COMPLETED" -> parts.add("total items=" + event.path("summary").path("totalItems").asLong());
            case "REQUEST_FAILED" -> {
                parts.add("failed: " + names(event.path("failedResources")));
                if (event.has("notRunResources")) {
                    parts.add("not run: " + names(event.path("notRunResources")));
                }
            }
            case "REQUEST_REJECTED" -> {
                parts.add("reason: " + event.path("reason").asString());
                if (event.hasNonNull("detail")) {
                    parts.add("(" + event.path("detail").asString() + ")");
                }
            }
            default -> { }
        }
        return String.join(" ", parts).stripTrailing();
    }

    private static String names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(name -> names.add(name.asString()));
        return String.join(", ", names);
    }
}
