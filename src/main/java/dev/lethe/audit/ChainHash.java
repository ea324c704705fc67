package dev.lethe.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * An audit event's {@code chainHash}: lowercase hex SHA-256 of the previous event's chainHash of the same request
 * ({@link #FIRST_PREVIOUS} for its first event), a newline, and the event's {@link CanonicalJson canonical JSON}
 * without {@code chainHash}. Editing, removing or reordering an event changes every hash after it.
 */
public final class ChainHash {

    /** What a request's first event is chained to. */
    public static final String FIRST_PREVIOUS = "0".repeat(64);
    /** The name of the field on the event. */
    public static final String FIELD = "chainHash";

    private static final Pattern WELL_FORMED = Pattern.compile("[0-9a-f]{64}");

    private ChainHash() {
    }

    /** @param previous the previous event's chainHash, or null for the request's first event */
    public static String next(String previous, String canonicalEvent) {
        String input = (previous == null ? FIRST_PREVIOUS : previous) + "\n" + canonicalEvent;
        return HexFormat.of().formatHex(sha256().digest(input.getBytes(StandardCharsets.UTF_8)));
    }

    public static boolean isWellFormed(String hash) {
        return hash != null && WELL_FORMED.matcher(hash).matches();
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
