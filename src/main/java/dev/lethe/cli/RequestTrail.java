package dev.lethe.cli;

import dev.lethe.audit.AuditEventType;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * What the audit topic says about one request of a bulk: its latest run's terminal event, if it has one, and the
 * errors of that run's failed tasks. Events may arrive twice (delivery is at least once); recording one again changes
 * nothing. A replay starts a new run, which the request's earlier terminal event no longer describes.
 */
final class RequestTrail {

    private final String requestId;
    private int run;
    private JsonNode terminal;
    private final Map<String, String> taskErrors = new TreeMap<>();

    RequestTrail(String requestId) {
        this.requestId = requestId;
    }

    void record(JsonNode event) {
        int eventRun = event.path("run").asInt(1);
        if (eventRun < run) {
            return;
        }
        if (eventRun > run) {
            run = eventRun;
            terminal = null;
            taskErrors.clear();
        }
        Optional<AuditEventType> type = typeOf(event);
        if (type.isEmpty()) {
            return;
        }
        if (type.get() == AuditEventType.TASK_FAILED) {
            taskErrors.put(event.path("resource").asString(), event.path("error").asString(""));
        } else if (type.get().isTerminal()) {
            terminal = event;
        }
    }

    String requestId() {
        return requestId;
    }

    boolean hasEnded() {
        return terminal != null;
    }

    /** The terminal event of the latest run, if it ended. */
    Optional<JsonNode> terminal() {
        return Optional.ofNullable(terminal);
    }

    /** The error of each task of the latest run that failed, by resource. */
    Map<String, String> taskErrors() {
        return taskErrors;
    }

    /** Types added to the contract later are not this command's to interpret. */
    private static Optional<AuditEventType> typeOf(JsonNode event) {
        try {
            return Optional.of(AuditEventType.valueOf(event.path("type").asString("")));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }
}
