package dev.lethe.cleaners.redis;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A Redis key, field or member as bytes (Redis strings are binary), comparable by content. Its {@link #toString()}
 * never shows the content: keys hold subject values.
 */
final class Bytes {

    private final byte[] value;

    Bytes(byte[] value) {
        this.value = value;
    }

    static Bytes utf8(String text) {
        return new Bytes(text.getBytes(StandardCharsets.UTF_8));
    }

    byte[] value() {
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Bytes bytes && Arrays.equals(value, bytes.value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "Bytes[" + value.length + "]";
    }
}
