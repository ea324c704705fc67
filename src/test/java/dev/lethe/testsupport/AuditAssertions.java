package dev.lethe.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** Assertions on the audit events of one request: {@code assertThatEvents(events).endWith("REQUEST_COMPLETED")}. */
public final class AuditAssertions {

    private final List<JsonNode> events;

    private AuditAssertions(List<JsonNode> events) {
        this.events = events;
    }

    public static AuditAssertions assertThatEvents(List<JsonNode> events) {
        return new AuditAssertions(events);
    }

    public AuditAssertions haveTypes(String... types) {
        assertThat(types()).as("event types of %s", events).containsExactly(types);
        return this;
    }

    public AuditAssertions endWith(String type) {
        assertThat(types()).as("event types").last().isEqualTo(type);
        assertThat(types().stream().filter(t -> t.startsWith("REQUEST_") && !t.equals("REQUEST_ACCEPTED")))
                .as("exactly one terminal event").hasSize(1);
        if (!type.equals("REQUEST_REJECTED")) {
            assertThat(types()).first().isEqualTo("REQUEST_ACCEPTED");
        }
        return this;
    }

    public AuditAssertions havePlan(String... resources) {
        List<String> plan = new ArrayList<>();
        events.get(0).path("plan").forEach(name -> plan.add(name.asString()));
        assertThat(plan).containsExactly(resources);
        return this;
    }

    public AuditAssertions haveReason(String reason) {
        assertThat(events.get(events.size() - 1).path("reason").asString()).isEqualTo(reason);
        return this;
    }

    public AuditAssertions haveTask(String resource, String outcome, long items) {
        JsonNode task = taskEvent(resource).orElseThrow(() -> new AssertionError("no task event for " + resource + " in " + events));
        assertThat(task.path("type").asString()).isEqualTo("TASK_COMPLETED");
        assertThat(task.path("outcome").asString()).as("outcome of " + resource).isEqualTo(outcome);
        assertThat(task.path("items").asLong()).as("items of " + resource).isEqualTo(items);
        JsonNode summary = terminal().path("summary").path("resources").path(resource);
        assertThat(summary.path("outcome").asString()).as("summary outcome of " + resource).isEqualTo(outcome);
        assertThat(summary.path("items").asLong()).as("summary items of " + resource).isEqualTo(items);
        return this;
    }

    public AuditAssertions haveAttempts(String resource, int attempts) {
        assertThat(taskEvent(resource).orElseThrow().path("attempts").asInt()).isEqualTo(attempts);
        return this;
    }

    public AuditAssertions haveFailedTask(String resource) {
        JsonNode task = taskEvent(resource).orElseThrow(() -> new AssertionError("no task event for " + resource));
        assertThat(task.path("type").asString()).isEqualTo("TASK_FAILED");
        assertThat(task.path("attempts").asInt()).isPositive();
        assertThat(task.path("error").asString()).isNotBlank();
        return this;
    }

    public AuditAssertions haveNoEventFor(String resource) {
        assertThat(taskEvent(resource)).as("task event for " + resource).isEmpty();
        assertThat(terminal().path("summary").path("resources").has(resource)).as(resource + " in the summary").isFalse();
        return this;
    }

    public AuditAssertions haveTotalItems(long total) {
        assertThat(terminal().path("summary").path("totalItems").asLong()).isEqualTo(total);
        return this;
    }

    /** Each resource's TASK_COMPLETED comes after the previous one's. */
    public AuditAssertions completeInOrder(String... resources) {
        int previous = -1;
        for (String resource : resources) {
            int index = indexOfTask(resource);
            assertThat(index).as(resource + " completes after the resources before it").isGreaterThan(previous);
            previous = index;
        }
        return this;
    }

    public AuditAssertions allDryRun() {
        assertThat(events).allSatisfy(event -> assertThat(event.path("dryRun").asBoolean()).isTrue());
        return this;
    }

    public JsonNode terminal() {
        return events.get(events.size() - 1);
    }

    private int indexOfTask(String resource) {
        for (int i = 0; i < events.size(); i++) {
            if (resource.equals(events.get(i).path("resource").asString(null))) {
                return i;
            }
        }
        throw new AssertionError("no task event for " + resource);
    }

    private Optional<JsonNode> taskEvent(String resource) {
        return events.stream().filter(e -> resource.equals(e.path("resource").asString(null))).findFirst();
    }

    private List<String> types() {
        return events.stream().map(e -> e.path("type").asString()).toList();
    }
}
