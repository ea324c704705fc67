package dev.lethe.intake;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/** Reads RFC 3339 timestamps the request schema already accepted ({@code format: date-time}). */
final class Rfc3339 {

    /** Java keeps nanoseconds; RFC 3339 allows any number of fraction digits, so the rest is cut, never rounded up. */
    private static final Pattern FRACTION_BEYOND_NANOS = Pattern.compile("(\\.\\d{9})\\d+");

    private Rfc3339() {
    }

    /**
     * ISO_INSTANT parses case-insensitively ({@code t}, {@code z}), takes any offset and reads a leap second
     * ({@code :60}) as the second before it.
     */
    static Instant instantOrNull(String text) {
        if (text == null) {
            return null;
        }
        String withNanosAtMost = FRACTION_BEYOND_NANOS.matcher(text).replaceFirst("$1");
        return DateTimeFormatter.ISO_INSTANT.parse(withNanosAtMost, Instant::from);
    }

    /** Whether {@link #instantOrNull} reads it (null included). */
    static boolean isReadable(String text) {
        try {
            instantOrNull(text);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }
}
