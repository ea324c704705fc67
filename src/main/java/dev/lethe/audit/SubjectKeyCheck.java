package dev.lethe.audit;

import dev.lethe.core.InvalidConfigurationException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The one check of {@code lethe.audit.subject-key}, made by the worker at start and by every command that computes
 * subjectRefs. A key that is missing, still the placeholder text of a variable nobody set, or short enough to guess
 * would key every subjectRef with something anyone can recompute, and the refs would match no other deployment's.
 */
public final class SubjectKeyCheck {

    /** The shortest key accepted: 32 bytes, the length of HMAC-SHA256's output, as RFC 2104 recommends. */
    public static final int MIN_BYTES = 32;

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{[^}]*}");
    private static final String HOW_TO_FIX = "set LETHE_SUBJECT_KEY (or lethe.audit.subject-key) to a secret of at least "
            + MIN_BYTES + " bytes, e.g. the output of: openssl rand -hex 32";

    private SubjectKeyCheck() {
    }

    /**
     * @return the key, when it can be used
     * @throws InvalidConfigurationException naming {@code lethe.audit.subject-key} and {@code LETHE_SUBJECT_KEY}, never
     *     the key itself
     */
    public static String validated(String key) {
        if (key == null || key.isBlank()) {
            throw unusable("is not set");
        }
        if (PLACEHOLDER.matcher(key).find()) {
            throw unusable("is an unresolved placeholder (the variable it names is not set)");
        }
        int bytes = key.getBytes(StandardCharsets.UTF_8).length;
        if (bytes < MIN_BYTES) {
            throw unusable("is " + bytes + " bytes, shorter than " + MIN_BYTES);
        }
        return key;
    }

    private static InvalidConfigurationException unusable(String problem) {
        return new InvalidConfigurationException("lethe.audit.subject-key " + problem + ": " + HOW_TO_FIX);
    }
}
