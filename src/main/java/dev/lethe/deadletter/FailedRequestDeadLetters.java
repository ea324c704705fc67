package dev.lethe.deadletter;

import dev.lethe.audit.Outbox;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts the record of a request that ended REQUEST_FAILED into the outbox for the dead-letter topic, in the same
 * transaction that ends the request, so an operator can replay it (contract guarantee 4).
 */
public class FailedRequestDeadLetters {

    private final Outbox outbox;
    private final String topic;

    public FailedRequestDeadLetters(Outbox outbox, String topic) {
        this.outbox = outbox;
        this.topic = topic;
    }

    public void retriesExhausted(String requestId, byte[] key, byte[] payload, List<String> failedResources, String detail) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(DeadLetterHeaders.ERROR, DeadLetterCode.RETRIES_EXHAUSTED.name());
        headers.put(DeadLetterHeaders.ERROR_DETAIL, detail);
        headers.put(DeadLetterHeaders.REQUEST_ID, requestId);
        headers.put(DeadLetterHeaders.FAILED_RESOURCES, String.join(",", failedResources));
        outbox.append(topic, requestId, null, key, payload, headers);
    }
}
