package dev.lethe.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.HexFormat;
import tools.jackson.databind.JsonNode;

/**
 * Recomputes the audit chains of the records handed to it, in topic order (one request's events are on one partition,
 * in the order written). A record repeated byte for byte under its eventId is a re-publication (delivery is at least
 * once) and is skipped; anything else that does not chain is a broken link: an edited event, a removed one (the next
 * one no longer follows) or events out of order. Each request's first broken link is kept; its later events are not
 * judged, as they would all follow from the break. Messages never quote an event's content.
 *
 * <p>A trail that began before the chain existed (ledger migration V8) holds events without {@code chainHash}. Given
 * the time the chain began ({@code unchainedBefore}), such an event is counted as unchained instead of breaking its
 * chain, but only while its request has no chained event yet and only if it occurred before that time: an event
 * without a hash after one with it, or from after the upgrade, still breaks the chain. So that unchained events cannot
 * be slipped in front of a request that was chained from its start, they also break it when the request's first
 * chained event is its first run's opening event (it began after the chain did), or when they are on another
 * partition than its chained events (one request's events share a key, hence a partition). Unchained events are not
 * evidence of anything; the count says how many there were.
 */
public final class ChainVerifier {

    /** Where a request's chain breaks first; {@code position} is {@code topic-partition@offset}. */
    public record Break(String requestId, String eventId, String position, String reason) {
    }

    /**
     * One request's chain as read.
     *
     * @param events distinct events read (repetitions not counted)
     * @param repeated events read again byte for byte under an eventId already read
     * @param head the last chainHash that held: the chain head, when nothing broke
     * @param broken the first broken link, or null
     * @param lastEvent the last distinct event read
     * @param unchained events accepted without a chainHash, from before the chain began (not counted in {@code events})
     */
    public record Chain(String requestId, int events, int repeated, String head, Break broken, JsonNode lastEvent,
            Set<String> subjectRefs, Set<String> batchIds, int unchained) {

        public boolean holds() {
            return broken == null;
        }
    }

    /** A record that is not an audit event of any request; it cannot be placed in a chain. */
    public record Unplaced(String position, String problem) {
    }

    private final Map<String, State> chains = new LinkedHashMap<>();
    private final List<Unplaced> unplaced = new ArrayList<>();
    private final Instant unchainedBefore;

    /** A verifier for trails that were chained from their first event. */
    public ChainVerifier() {
        this(null);
    }

    /**
     * @param unchainedBefore when the chain began (the upgrade to a version that writes chainHash): events without one
     *     that occurred before it, ahead of their request's first chained event, are counted, not broken; null for none
     */
    public ChainVerifier(Instant unchainedBefore) {
        this.unchainedBefore = unchainedBefore;
    }

    public void accept(AuditRecord record) {
        JsonNode requestId = record.readable() ? record.event().get("requestId") : null;
        if (requestId == null || !requestId.isString()) {
            unplaced.add(new Unplaced(record.position(), record.readable() ? "no requestId" : record.problem()));
            return;
        }
        chains.computeIfAbsent(requestId.asString(), id -> new State(id, unchainedBefore)).accept(record);
    }

    /** Every request read, in the order its first event was read. */
    public List<Chain> chains() {
        return chains.values().stream().map(State::chain).toList();
    }

    public List<Unplaced> unplaced() {
        return List.copyOf(unplaced);
    }

    /** The running state of one request's chain. */
    private static final class State {

        private final String requestId;
        private final Instant unchainedBefore;
        private final Map<String, String> digestByEventId = new HashMap<>();
        private final Set<String> subjectRefs = new HashSet<>();
        private final Set<String> batchIds = new HashSet<>();
        private String head;
        private int events;
        private int repeated;
        private int unchained;
        private AuditRecord firstUnchained;
        private Break broken;
        private JsonNode lastEvent;

        State(String requestId, Instant unchainedBefore) {
            this.requestId = requestId;
            this.unchainedBefore = unchainedBefore;
        }

        void accept(AuditRecord record) {
            JsonNode event = record.event();
            addText(subjectRefs, event.get("subjectRef"));
            addText(batchIds, event.get("batchId"));
            if (broken != null) {
                return;
            }
            JsonNode eventId = event.get("eventId");
            if (eventId == null || !eventId.isString()) {
                breakAt(null, record, "no eventId");
                return;
            }
            String digest = digestOf(record.json());
            String seen = digestByEventId.get(eventId.asString());
            if (seen != null) {
                if (seen.equals(digest)) {
                    repeated++;
                } else {
                    breakAt(eventId.asString(), record, "a different event under an eventId already read");
                }
                return;
            }
            judge(eventId.asString(), record);
            digestByEventId.put(eventId.asString(), digest);
        }

        private void judge(String eventId, AuditRecord record) {
            JsonNode hash = record.event().get(ChainHash.FIELD);
            if (hash == null && isFromBeforeTheChain(record.event())) {
                if (firstUnchained == null) {
                    firstUnchained = record;
                } else if (!record.partition().equals(firstUnchained.partition())) {
                    breakAt(eventId, record, "events of one request without chainHash on two partitions");
                    return;
                }
                unchained++;
                lastEvent = record.event();
                return;
            }
            if (firstUnchained != null && head == null && !mayFollowUnchainedEvents(record)) {
                return;
            }
            if (hash == null || !hash.isString() || !ChainHash.isWellFormed(hash.asString())) {
                breakAt(eventId, record, "no chainHash of 64 lowercase hex digits");
                return;
            }
            if (!ChainHash.next(head, CanonicalJson.of(record.json(), ChainHash.FIELD)).equals(hash.asString())) {
                breakAt(eventId, record, "chainHash does not follow from the event and the request's previous event"
                        + " (an event edited, removed before it, or out of order)");
                return;
            }
            head = hash.asString();
            events++;
            lastEvent = record.event();
        }

        /**
         * Whether the request's first chained event may come after the unchained ones read: it is not the opening of
         * the request's first run, and it is on their partition. Otherwise the chain breaks at the first unchained one.
         */
        private boolean mayFollowUnchainedEvents(AuditRecord record) {
            String reason;
            if (opensFirstRun(record.event())) {
                reason = "an event without chainHash before the request's first event, which is chained (the request"
                        + " began after the chain did)";
            } else if (!record.partition().equals(firstUnchained.partition())) {
                reason = "events without chainHash on another partition than the request's chained events";
            } else {
                return true;
            }
            breakAt(firstUnchained.event().path("eventId").asString(null), firstUnchained, reason);
            return false;
        }

        private static boolean opensFirstRun(JsonNode event) {
            String type = event.path("type").asString("");
            return Arrays.stream(AuditEventType.values()).anyMatch(t -> t.opensARun() && t.name().equals(type))
                    && event.path("run").asInt(1) == 1;
        }

        /** Written before the chain began: nothing chained of its request read yet, and it occurred before the cut-off. */
        private boolean isFromBeforeTheChain(JsonNode event) {
            if (unchainedBefore == null || head != null) {
                return false;
            }
            JsonNode occurredAt = event.get("occurredAt");
            if (occurredAt == null || !occurredAt.isString()) {
                return false;
            }
            try {
                return OffsetDateTime.parse(occurredAt.asString()).toInstant().isBefore(unchainedBefore);
            } catch (DateTimeParseException unreadable) {
                return false; // no time to place it before the chain: judged as any event is
            }
        }

        private void breakAt(String eventId, AuditRecord record, String reason) {
            broken = new Break(requestId, eventId, record.position(), reason);
        }

        Chain chain() {
            return new Chain(requestId, events, repeated, head, broken, lastEvent, Set.copyOf(subjectRefs), Set.copyOf(batchIds),
                    unchained);
        }

        private static void addText(Set<String> values, JsonNode value) {
            if (value != null && value.isString()) {
                values.add(value.asString());
            }
        }

        private static String digestOf(String json) {
            return HexFormat.of().formatHex(ChainHash.sha256().digest(json.getBytes(StandardCharsets.UTF_8)));
        }
    }
}
