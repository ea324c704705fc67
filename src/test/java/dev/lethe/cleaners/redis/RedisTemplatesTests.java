package dev.lethe.cleaners.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.cleaners.redis.RedisTemplates.Entry;
import dev.lethe.core.DeletionRequest.Subject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How subject values become keys: escaped inside a pattern, verbatim (UTF-8) everywhere else. */
class RedisTemplatesTests {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "a*      | a\\*",
            "a?      | a\\?",
            "a[bc]   | a\\[bc\\]",
            "a\\b    | a\\\\b",
            "plain-1 | plain-1",
            "ü:/..   | ü:/..",
    })
    void escapesEveryGlobCharacterOfASubstitutedValue(String value, String escaped) {
        assertThat(RedisTemplates.escapeGlob(value)).isEqualTo(escaped);
    }

    @Test
    void aPatternTemplateEscapesTheValueButKeepsItsOwnWildcards() {
        var templates = RedisTemplates.keys("sessions", List.of("cart:{tenant}:{id}:*", "session:{id}"));
        Subject hostile = new Subject("user", "a*[x]?", "t*");

        assertThat(templates.get(0).pattern()).isTrue();
        assertThat(text(templates.get(0).expand(hostile))).isEqualTo("cart:t\\*:a\\*\\[x\\]\\?:*");
        assertThat(templates.get(1).pattern()).isFalse();
        assertThat(text(templates.get(1).expand(hostile))).as("a literal key is the value as is")
                .isEqualTo("session:a*[x]?");
    }

    @Test
    void keysAreTheUtf8BytesOfTheExpandedTemplate() {
        var templates = RedisTemplates.keys("sessions", List.of("u:{id}", "h:{sha256}"));
        Subject subject = new Subject("user", "ü", "");

        assertThat(templates.get(0).expand(subject).value()).containsExactly('u', ':', 0xc3, 0xbc);
        assertThat(text(templates.get(1).expand(subject)))
                .isEqualTo("h:607474ca475a9724d7360aba71a56d5df77e61350e3f724cfa1f46e857e2d85f");
    }

    @Test
    void entriesAreVerbatimAndComparedByContent() {
        var entries = RedisTemplates.entries("sessions", "hash-fields", "field",
                List.<String[]>of(new String[] {"profiles:{tenant}", "{id}"}));
        Subject subject = new Subject("user", "a*", "acme");

        Entry entry = entries.get(0).expand(subject);
        assertThat(text(entry.key())).isEqualTo("profiles:acme");
        assertThat(text(entry.part())).isEqualTo("a*");
        assertThat(entry).isEqualTo(entries.get(0).expand(new Subject("user", "a*", "acme")));
        assertThat(entries.get(0).label()).isEqualTo("hash-fields[0]");
    }

    @Test
    void bytesNeverShowTheirContent() {
        assertThat(Bytes.utf8("user:secret-42")).hasToString("Bytes[14]");
    }

    private static String text(Bytes bytes) {
        return new String(bytes.value(), StandardCharsets.UTF_8);
    }
}
