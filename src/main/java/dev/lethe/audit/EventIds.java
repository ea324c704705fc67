package dev.lethe.audit;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Event ids derived from what the event is about, so the same logical event gets the same id even if the
 * transaction that writes it runs again after a crash.
 */
final class EventIds {

    private EventIds() {
    }

    static UUID of(String requestId, int run, AuditEventType type, String resource) {
        String name = "lethe|" + requestId + "|" + run + "|" + type + "|" + (resource == null ? "" : resource);
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }
}
