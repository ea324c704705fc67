package dev.lethe.deadletter;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Keeps dead-letter copies within what the producer accepts ({@code max.request.size}, which the broker's
 * {@code message.max.bytes} matches by default). A copy of a record near the limit plus Lethe's headers would be
 * refused on every try and stall its partition; such a copy carries an empty value instead, with the
 * {@code lethe-origin} header saying where the original is and {@code lethe-original-size} its size.
 */
public final class DeadLetterFit {

    /** Room for the record batch and record framing, which the producer counts against the limit too. */
    static final int FRAMING_BYTES = 1024;

    private final int maxRequestBytes;

    public DeadLetterFit(int maxRequestBytes) {
        this.maxRequestBytes = maxRequestBytes;
    }

    /** Whether a record of this key, value and headers fits. */
    public boolean fits(byte[] key, byte[] value, Map<String, String> headers) {
        long size = FRAMING_BYTES + length(key) + length(value);
        for (Map.Entry<String, String> header : headers.entrySet()) {
            size += header.getKey().getBytes(StandardCharsets.UTF_8).length
                    + header.getValue().getBytes(StandardCharsets.UTF_8).length + 2;
        }
        return size <= maxRequestBytes;
    }

    /** The key to keep when the value is dropped: the key too when it alone would not fit. */
    public byte[] keyWithoutValue(byte[] key, Map<String, String> headers) {
        return fits(key, null, headers) ? key : null;
    }

    private static int length(byte[] bytes) {
        return bytes == null ? 0 : bytes.length;
    }
}
