package dev.lethe.audit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Gives audit events their {@code chainHash} as they are written to the outbox, continuing each request's chain
 * from the head in its ledger row. Runs just before the transaction commits, with the rows locked until it does, so
 * events of one request are chained, given outbox ids and published in one and the same order, whichever workers
 * write them.
 */
class AuditChain {

    private final ChainHeads heads;
    private final JsonMapper json;

    AuditChain(ChainHeads heads, JsonMapper json) {
        this.heads = heads;
        this.json = json;
    }

    /** The bytes to publish for each event, in the order given (which is the order of each request's chain). */
    List<byte[]> link(List<AuditEvent> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        Map<String, String> current = heads.lock(events.stream().map(AuditEvent::requestId).toList());
        Map<String, String> moved = new HashMap<>();
        List<byte[]> payloads = new ArrayList<>(events.size());
        for (AuditEvent event : events) {
            // Hashed from the serialised event itself, so the hash covers exactly what goes on the topic.
            byte[] unchained = json.writeValueAsBytes(event.withChainHash(null));
            String hash = ChainHash.next(current.get(event.requestId()),
                    CanonicalJson.of(new String(unchained, StandardCharsets.UTF_8), ChainHash.FIELD));
            current.put(event.requestId(), hash);
            moved.put(event.requestId(), hash);
            payloads.add(withHash(unchained, hash));
        }
        heads.store(moved);
        return payloads;
    }

    /**
     * The event's bytes with its chainHash, without serialising it a second time: chainHash is the record's last
     * property and a null one is left out, so Jackson writes the same bytes with {@code ,"chainHash":"…"} before the
     * closing brace (a test holds the two ways equal). Serialising every event twice was a tenth of the worker's CPU.
     */
    static byte[] withHash(byte[] unchained, String hash) {
        int last = unchained.length - 1;
        if (last < 1 || unchained[last] != '}') {
            throw new IllegalStateException("an audit event serialised as something other than a JSON object");
        }
        byte[] field = (",\"" + ChainHash.FIELD + "\":\"" + hash + "\"}").getBytes(StandardCharsets.US_ASCII);
        byte[] chained = Arrays.copyOf(unchained, last + field.length);
        System.arraycopy(field, 0, chained, last, field.length);
        return chained;
    }
}
