package dev.lethe.cleaners.jdbc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The inner and outer pads of HMAC-SHA256 (RFC 2104) for {@code lethe.audit.subject-key}, so that PostgreSQL can
 * compute {@code hash} masks with its built-in {@code sha256(bytea)}: {@code sha256(outer || sha256(inner || text))}.
 * A key longer than the 64-byte block is first hashed, a shorter one padded with zeros, as HMAC does.
 *
 * @param inner the key XOR 0x36, 64 bytes
 * @param outer the key XOR 0x5c, 64 bytes
 */
record HmacPads(byte[] inner, byte[] outer) {

    private static final int BLOCK = 64;

    /** No key: a {@code hash} mask then stops start-up. */
    static final HmacPads NONE = new HmacPads(null, null);

    static HmacPads of(String subjectKey) {
        if (subjectKey == null || subjectKey.isEmpty()) {
            return NONE;
        }
        byte[] key = subjectKey.getBytes(StandardCharsets.UTF_8);
        if (key.length > BLOCK) {
            key = sha256(key);
        }
        byte[] inner = new byte[BLOCK];
        byte[] outer = new byte[BLOCK];
        for (int i = 0; i < BLOCK; i++) {
            byte b = i < key.length ? key[i] : 0;
            inner[i] = (byte) (b ^ 0x36);
            outer[i] = (byte) (b ^ 0x5c);
        }
        return new HmacPads(inner, outer);
    }

    boolean isSet() {
        return inner != null;
    }

    /** Never the pads: they are the key. */
    @Override
    public String toString() {
        return "HmacPads[set=" + isSet() + "]";
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
