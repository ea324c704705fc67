package dev.lethe.deadletter;

import dev.lethe.audit.Outbox;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts the record of a request that ended REQUEST_FAILED into the outbox for the dead-letter topic, in the same
 * transaction that ends the request, so an operator can replay it (contract guarantee 4). A record too large to
 * copy within what the producer accepts goes with an empty value and its origin instead, like intake's copies.
 */
public class FailedRequestDeadLetters {

    private final Outbox outbox;
    private final String topic;
    private final DeadLetterFit fit;

    public FailedRequestDeadLetters(Outbox outbox, String topic, DeadLetterFit fit) {
        this.outbox = outbox;
        this.topic = topic;
        this.fit = fit;
    }

    /** @param origin where the record was read (topic-partition@offset), or null when the ledger does not know */
    public void retriesExhausted(String requestId, byte[] key, byte[] payload, String origin, List<String> failedResources,
            String detail) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(DeadLetterHeaders.ERROR, DeadLetterCode.RETRIES_EXHAUSTED.name());
        headers.put(DeadLetterHeaders.ERROR_DETAIL, detail);
        headers.put(DeadLetterHeaders.REQUEST_ID, requestId);
        headers.put(DeadLetterHeaders.FAILED_RESOURCES, String.join(",", failedResources));
        if (origin != null) {
            headers.put(DeadLetterHeaders.ORIGIN, origin);
        }
        if (fit.fits(key, payload, headers)) {
            outbox.append(topic, requestId, null, key, payload, headers);
            return;
        }
        headers.put(DeadLetterHeaders.ORIGINAL_SIZE, String.valueOf(payload == null ? 0 : payload.length));
        outbox.append(topic, requestId, null, fit.keyWithoutValue(key, headers), new byte[0], headers);
    }
}
