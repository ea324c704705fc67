package dev.lethe.cli;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** The requests of a bulk and what the audit topic said about each so far. */
final class BatchProgress {

    private final Map<String, RequestTrail> trails = new LinkedHashMap<>();
    private int ended;

    BatchProgress(Collection<String> requestIds) {
        requestIds.forEach(id -> trails.put(id, new RequestTrail(id)));
    }

    boolean tracks(String requestId) {
        return trails.containsKey(requestId);
    }

    void record(String requestId, JsonNode event) {
        RequestTrail trail = trails.get(requestId);
        boolean before = trail.hasEnded();
        trail.record(event);
        ended += (trail.hasEnded() ? 1 : 0) - (before ? 1 : 0);
    }

    boolean hasEnded(String requestId) {
        return trails.get(requestId).hasEnded();
    }

    int ended() {
        return ended;
    }

    int total() {
        return trails.size();
    }

    boolean allEnded() {
        return ended == trails.size();
    }

    Collection<RequestTrail> trails() {
        return trails.values();
    }
}
