package dev.lethe.cleaners.jdbc;

import dev.lethe.core.InvalidConfigurationException;
import java.util.Locale;

/**
 * What HARD writes into one column of a masked row ({@code mask.<column>}): {@code null}; {@code hash}, the
 * lowercase hex HMAC-SHA256 of the old value's text keyed with {@code lethe.audit.subject-key} (a null stays null);
 * or a literal, written in the setting as a single-quoted SQL string ({@code 'redacted'}, a quote doubled) and bound
 * as a parameter, never spliced into the statement.
 *
 * @param kind the strategy
 * @param literal the literal's text without its quotes (quotes undoubled), or null
 */
record MaskRule(Kind kind, String literal) {

    enum Kind { NULL, HASH, LITERAL }

    static final MaskRule NULL = new MaskRule(Kind.NULL, null);
    static final MaskRule HASH = new MaskRule(Kind.HASH, null);

    /**
     * @param setting {@code lethe.resources.<name>.mask.<column>}, for the error message
     * @param text the configured value; empty is YAML's {@code null}, which Spring Boot reads as an empty string
     */
    static MaskRule parse(String setting, String text) {
        String value = text == null ? "" : text.trim();
        if (value.isEmpty() || value.toLowerCase(Locale.ROOT).equals("null")) {
            return NULL;
        }
        if (value.toLowerCase(Locale.ROOT).equals("hash")) {
            return HASH;
        }
        if (value.length() >= 2 && value.startsWith("'") && value.endsWith("'")) {
            String inner = value.substring(1, value.length() - 1);
            if (inner.replace("''", "").indexOf('\'') < 0) {
                return new MaskRule(Kind.LITERAL, inner.replace("''", "'"));
            }
        }
        throw new InvalidConfigurationException(setting + " must be null, hash or a single-quoted SQL string literal"
                + " such as 'redacted' (in YAML: \"'redacted'\"; a quote inside doubled)");
    }

    /** Never the literal's text: configuration, but it has no business in logs either. */
    @Override
    public String toString() {
        return "MaskRule[" + kind + "]";
    }
}
