package dev.lethe.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * The end of a bulk: requests by terminal type, items per resource and outcome, and every request that did not
 * complete with what went wrong, by requestId (never a subject's id). Items come from each request's terminal
 * summary rather than from counting TASK_COMPLETED events: the summary covers every resource of the request once,
 * including those completed in an earlier run, whereas events can arrive twice and a replay repeats none of them.
 */
final class BulkSummary {

    private static final String COMPLETED = "REQUEST_COMPLETED";
    private static final String STILL_OPEN = "still open";

    private final BatchProgress progress;

    BulkSummary(BatchProgress progress) {
        this.progress = progress;
    }

    /** Whether every request of the bulk ended {@code REQUEST_COMPLETED}. */
    boolean allCompleted() {
        return progress.trails().stream().allMatch(trail -> trail.terminal()
                .map(event -> COMPLETED.equals(event.path("type").asString())).orElse(false));
    }

    void print(String batchId, PrintStream out) {
        out.println("Batch " + batchId + ": " + progress.total() + " requests");
        Map<String, Long> byType = progress.trails().stream().collect(Collectors.groupingBy(
                trail -> trail.terminal().map(event -> event.path("type").asString()).orElse(STILL_OPEN),
                TreeMap::new, Collectors.counting()));
        byType.forEach((type, count) -> out.printf("  %-18s %d%n", type, count));
        printItems(out);
        printUnsuccessful(out);
    }

    private void printItems(PrintStream out) {
        Map<String, Map<String, long[]>> items = new TreeMap<>();
        progress.trails().forEach(trail -> trail.terminal().ifPresent(event ->
                event.path("summary").path("resources").properties().forEach(resource -> {
                    long[] requestsAndItems = items.computeIfAbsent(resource.getKey(), name -> new TreeMap<>())
                            .computeIfAbsent(resource.getValue().path("outcome").asString(), outcome -> new long[2]);
                    requestsAndItems[0]++;
                    requestsAndItems[1] += resource.getValue().path("items").asLong();
                })));
        if (items.isEmpty()) {
            return;
        }
        out.printf("  %-24s %-14s %9s %9s%n", "resource", "outcome", "requests", "items");
        items.forEach((resource, outcomes) -> outcomes.forEach((outcome, counts) ->
                out.printf("  %-24s %-14s %9d %9d%n", resource, outcome, counts[0], counts[1])));
    }

    private void printUnsuccessful(PrintStream out) {
        List<String> lines = progress.trails().stream()
                .filter(trail -> trail.terminal().isPresent()
                        && !COMPLETED.equals(trail.terminal().get().path("type").asString()))
                .map(BulkSummary::describe).toList();
        if (!lines.isEmpty()) {
            out.println("Not completed (requestId, outcome, what went wrong):");
            lines.forEach(line -> out.println("  " + line));
        }
    }

    private static String describe(RequestTrail trail) {
        JsonNode event = trail.terminal().orElseThrow();
        String type = event.path("type").asString();
        if (!"REQUEST_FAILED".equals(type)) {
            return trail.requestId() + "  " + type + "  " + event.path("reason").asString("");
        }
        StringBuilder line = new StringBuilder(trail.requestId() + "  " + type + "  ");
        List<String> failed = strings(event.path("failedResources"));
        line.append(failed.stream().map(resource -> resource + ": " + trail.taskErrors().getOrDefault(resource, "failed"))
                .collect(Collectors.joining("; ")));
        List<String> notRun = strings(event.path("notRunResources"));
        if (!notRun.isEmpty()) {
            line.append("; not run: ").append(String.join(",", notRun));
        }
        return line.toString();
    }

    private static List<String> strings(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }
}
