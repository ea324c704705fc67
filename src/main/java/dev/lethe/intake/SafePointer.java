package dev.lethe.intake;

import dev.lethe.core.DeletionRequest;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import tools.jackson.core.TokenStreamContext;

/**
 * Renders where something is in a record as a JSON pointer fit for a dead-letter header. Field names come from the
 * sender and may be subject data (an id used as a key), so only the contract's own field names are shown; any other
 * name is replaced by {@value #UNKNOWN}. Array indexes are shown as they are.
 */
final class SafePointer {

    static final String UNKNOWN = "(unknown field)";

    /** Every field name the DeletionRequest schema defines, at any level. */
    private static final Set<String> CONTRACT_FIELDS = Set.of("requestId", "subject", "type", "id", "tenant", "mode",
            "scope", "include", "exclude", "dryRun", "reason", "requestedBy", "requestedAt", "batchId", "schemaVersion");

    private SafePointer() {
    }

    static String child(String parent, String fieldName) {
        return parent + "/" + (CONTRACT_FIELDS.contains(fieldName) ? fieldName : UNKNOWN);
    }

    static String child(String parent, int index) {
        return parent + "/" + index;
    }

    /** The pointer of the place a streaming parser is at, including the name it has just read. */
    static String of(TokenStreamContext context) {
        Deque<String> segments = new ArrayDeque<>();
        for (TokenStreamContext at = context; at != null && !at.inRoot(); at = at.getParent()) {
            if (at.inObject() && at.currentName() != null) {
                segments.addFirst(child("", at.currentName()));
            } else if (at.inArray() && at.hasCurrentIndex()) {
                segments.addFirst(child("", at.getCurrentIndex()));
            }
        }
        return String.join("", segments);
    }

    /** A pointer for a detail: the root (the empty pointer) reads as "record". */
    static String describe(String pointer) {
        return pointer.isEmpty() ? "record" : pointer;
    }
}
