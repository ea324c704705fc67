package dev.lethe.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class ChainVerifierTests {

    @Test
    void acceptsAChainAndAnEventRepublishedByteForByte() {
        List<String> trail = trail("r-1", 3);
        List<String> republished = new ArrayList<>(trail);
        republished.addAll(trail.subList(1, 3));

        ChainVerifier.Chain chain = verify(republished).chains().get(0);

        assertThat(chain.holds()).isTrue();
        assertThat(chain.events()).isEqualTo(3);
        assertThat(chain.repeated()).isEqualTo(2);
        assertThat(chain.head()).isEqualTo(hashOf(trail.get(2)));
    }

    @Test
    void namesTheEventWhereAnEditedRemovedOrReorderedTrailBreaks() {
        List<String> trail = trail("r-1", 3);

        assertThat(brokenAt(List.of(trail.get(0), trail.get(1).replace("\"n\":1", "\"n\":7"), trail.get(2)))).isEqualTo("e1");
        assertThat(brokenAt(List.of(trail.get(0), trail.get(2)))).isEqualTo("e2");
        assertThat(brokenAt(List.of(trail.get(0), trail.get(2), trail.get(1)))).isEqualTo("e2");
    }

    @Test
    void callsADifferentEventUnderAnEventIdAlreadyReadABreak() {
        List<String> trail = trail("r-1", 2);
        String sameIdOtherBody = trail.get(1).replace("\"n\":1", "\"n\":9");

        ChainVerifier verifier = verify(List.of(trail.get(0), trail.get(1), sameIdOtherBody));

        assertThat(verifier.chains().get(0).broken().reason()).contains("different event");
    }

    @Test
    void eventsFromBeforeTheChainBeganAreCountedWhenTheCutOffIsGiven() {
        Instant upgrade = Instant.parse("2026-11-01T00:00:00Z");
        List<String> records = new ArrayList<>(List.of(unchained("u0", "2026-10-30T10:00:00Z"), unchained("u1", "2026-10-31T10:00:00Z")));
        List<String> chained = trail("r-1", 2);
        records.addAll(chained);

        ChainVerifier.Chain chain = verify(records, upgrade).chains().get(0);

        assertThat(chain.holds()).isTrue();
        assertThat(chain.unchained()).isEqualTo(2);
        assertThat(chain.events()).isEqualTo(2);
        assertThat(chain.head()).isEqualTo(hashOf(chained.get(1)));
        assertThat(verify(records, null).chains().get(0).broken().eventId()).as("without the cut-off").isEqualTo("u0");
    }

    @Test
    void anEventWithoutAHashAfterTheChainBeganOrAfterTheCutOffStillBreaksIt() {
        Instant upgrade = Instant.parse("2026-11-01T00:00:00Z");
        List<String> chained = trail("r-1", 2);

        assertThat(verify(List.of(chained.get(0), unchained("u9", "2026-10-30T10:00:00Z"), chained.get(1)), upgrade)
                .chains().get(0).broken().eventId()).as("after a chained event").isEqualTo("u9");
        assertThat(verify(List.of(unchained("u0", "2026-11-02T10:00:00Z"), chained.get(0)), upgrade)
                .chains().get(0).broken().eventId()).as("after the cut-off").isEqualTo("u0");
        assertThat(verify(List.of(unchained("u0", "not a time"), chained.get(0)), upgrade)
                .chains().get(0).broken().eventId()).as("no readable time").isEqualTo("u0");
    }

    @Test
    void eventsWithoutAHashInFrontOfARequestChainedFromItsStartOrOnAnotherPartitionBreakIt() {
        Instant upgrade = Instant.parse("2026-11-01T00:00:00Z");
        String opening = "{\"eventId\":\"e0\",\"requestId\":\"r-1\",\"type\":\"REQUEST_ACCEPTED\",\"run\":1}";
        String chainedOpening = opening.substring(0, opening.length() - 1) + ",\"chainHash\":\""
                + ChainHash.next(null, CanonicalJson.of(opening, null)) + "\"}";

        ChainVerifier.Break slippedIn = verify(List.of(unchained("u0", "2026-10-30T10:00:00Z"), chainedOpening), upgrade)
                .chains().get(0).broken();
        assertThat(slippedIn.eventId()).isEqualTo("u0");
        assertThat(slippedIn.reason()).contains("began after the chain did");

        ChainVerifier verifier = new ChainVerifier(upgrade);
        verifier.accept(AuditRecord.of(record(1, 0, unchained("u0", "2026-10-30T10:00:00Z"))));
        verifier.accept(AuditRecord.of(record(0, 0, trail("r-1", 1).get(0))));
        assertThat(verifier.chains().get(0).broken().eventId()).as("unchained on another partition").isEqualTo("u0");
    }

    private static ConsumerRecord<byte[], byte[]> record(int partition, long offset, String value) {
        return new ConsumerRecord<>("t", partition, offset, null, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String unchained(String eventId, String occurredAt) {
        return "{\"eventId\":\"" + eventId + "\",\"requestId\":\"r-1\",\"occurredAt\":\"" + occurredAt + "\"}";
    }

    private static String brokenAt(List<String> records) {
        ChainVerifier.Break broken = verify(records).chains().get(0).broken();
        assertThat(broken).isNotNull();
        assertThat(broken.requestId()).isEqualTo("r-1");
        return broken.eventId();
    }

    private static ChainVerifier verify(List<String> values) {
        return verify(values, null);
    }

    private static ChainVerifier verify(List<String> values, Instant unchainedBefore) {
        ChainVerifier verifier = new ChainVerifier(unchainedBefore);
        for (int i = 0; i < values.size(); i++) {
            verifier.accept(AuditRecord.of(new ConsumerRecord<>("t", 0, i, null, values.get(i).getBytes(StandardCharsets.UTF_8))));
        }
        return verifier;
    }

    private static List<String> trail(String requestId, int events) {
        List<String> trail = new ArrayList<>();
        String previous = null;
        for (int n = 0; n < events; n++) {
            String body = "{\"eventId\":\"e" + n + "\",\"requestId\":\"" + requestId + "\",\"n\":" + n + "}";
            previous = ChainHash.next(previous, CanonicalJson.of(body, null));
            trail.add(body.substring(0, body.length() - 1) + ",\"chainHash\":\"" + previous + "\"}");
        }
        return trail;
    }

    private static String hashOf(String event) {
        return event.substring(event.indexOf("\"chainHash\":\"") + 13, event.length() - 2);
    }
}
