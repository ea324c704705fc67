package dev.lethe.cli;

import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Which audit events {@code lethe audit} prints: an event must pass every criterion given; an empty set lets every
 * event through. Subjects are matched by their subjectRef only, so the filter never holds a raw id.
 *
 * @param requestIds {@code requestId} is one of these
 * @param batchIds {@code batchId} (present on the events of requests sent with one) is one of these
 * @param subjectRefs {@code subjectRef} is one of these
 * @param types {@code type} is one of these
 */
record AuditEventFilter(Set<String> requestIds, Set<String> batchIds, Set<String> subjectRefs, Set<String> types) {

    static final AuditEventFilter EVERYTHING = new AuditEventFilter(Set.of(), Set.of(), Set.of(), Set.of());

    AuditEventFilter {
        requestIds = Set.copyOf(requestIds);
        batchIds = Set.copyOf(batchIds);
        subjectRefs = Set.copyOf(subjectRefs);
        types = Set.copyOf(types);
    }

    boolean matches(JsonNode event) {
        return accepts(requestIds, event, "requestId") && accepts(batchIds, event, "batchId")
                && accepts(subjectRefs, event, "subjectRef") && accepts(types, event, "type");
    }

    /**
     * Whether a request is selected (event types aside) by what its events carried: its id, any of its batchIds or
     * subjectRefs. An edited event cannot take its request out of a selection by changing its own fields.
     */
    boolean selectsRequest(String requestId, Set<String> requestBatchIds, Set<String> requestSubjectRefs) {
        return (requestIds.isEmpty() || requestIds.contains(requestId))
                && (batchIds.isEmpty() || requestBatchIds.stream().anyMatch(batchIds::contains))
                && (subjectRefs.isEmpty() || requestSubjectRefs.stream().anyMatch(subjectRefs::contains));
    }

    /** A field that is missing or not a string matches no value: an event without a batchId is in no batch. */
    private static boolean accepts(Set<String> wanted, JsonNode event, String field) {
        if (wanted.isEmpty()) {
            return true;
        }
        JsonNode value = event.get(field);
        return value != null && value.isString() && wanted.contains(value.asString());
    }
}
