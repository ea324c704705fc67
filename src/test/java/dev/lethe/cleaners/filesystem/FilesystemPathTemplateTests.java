package dev.lethe.cleaners.filesystem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.core.DeletionRequest.Subject;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Segments, wildcards within one segment, and substituted values escaped into one literal part of a segment. */
class FilesystemPathTemplateTests {

    private static final String SETTING = "lethe.resources.files.paths[0]";

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "*        | anything     | true",
            "*        | .hidden      | true",
            "a*       | a            | true",
            "a*       | abc          | true",
            "a*       | ba           | false",
            "*.zip    | x.zip        | true",
            "*.zip    | x.zip.bak    | false",
            "?        | ü            | true",
            "?        | ab           | false",
            "a?c      | abc          | true",
            "a*b*c    | axxbyyc      | true",
            "a*b*c    | axxbyy       | false",
            "\\*      | *            | true",
            "\\*      | a            | false",
            "\\?      | a            | false",
    })
    void wildcardsMatchWithinOneSegment(String pattern, String name, boolean matches) {
        SegmentPattern segment = SegmentPattern.parsePath(pattern).get(0);

        assertThat(segment.matches(name)).isEqualTo(matches);
    }

    @Test
    void dotAndDotDotNeverMatchAWildcard() {
        SegmentPattern any = SegmentPattern.parsePath("*").get(0);

        assertThat(any.matches(".")).isFalse();
        assertThat(any.matches("..")).isFalse();
    }

    @Test
    void substitutedValuesAreEscapedToMatchOnlyThemselves() throws Exception {
        PathTemplate template = PathTemplate.parse("users/{id}-*/x", SETTING, "/");

        List<SegmentPattern> segments = template.segments(new Subject("user", "a*?[]{}\\", ""));

        assertThat(segments).hasSize(3);
        assertThat(segments.get(1).isLiteral()).as("the template's * stays a wildcard").isFalse();
        assertThat(segments.get(1).matches("a*?[]{}\\-2024")).isTrue();
        assertThat(segments.get(1).matches("abc[]{}\\-2024")).as("the id's * and ? are literal").isFalse();
        assertThat(template.segments(new Subject("user", "a*", "")).get(0).literal()).isEqualTo("users");
    }

    @Test
    void aLiteralSegmentNamesOneFile() throws Exception {
        List<SegmentPattern> segments = PathTemplate.parse("users/{id}", SETTING, "/").segments(new Subject("user", "a*", ""));

        assertThat(segments.get(1).isLiteral()).isTrue();
        assertThat(segments.get(1).literal()).isEqualTo("a*");
    }

    @Test
    void refusalsSayWhyWithoutTheValue() {
        PathTemplate template = PathTemplate.parse("users/{id}", SETTING, "/");

        assertThatThrownBy(() -> template.segments(new Subject("user", "secret/../x", "")))
                .isInstanceOf(FilesystemRefusal.class)
                .hasMessage(SETTING + ": a substituted value contains a path separator (it would leave its segment);"
                        + " nothing was removed");
        assertThatThrownBy(() -> template.segments(new Subject("user", "..", "")))
                .hasMessage(SETTING + ": a substituted value is '.' or '..' (it would leave its segment); nothing was removed");
    }

    @Test
    void anotherSeparatorInAValueIsRefusedToo() {
        PathTemplate template = PathTemplate.parse("users/{id}", SETTING, "\\");

        assertThatThrownBy(() -> template.segments(new Subject("user", "a\\b", ""))).isInstanceOf(FilesystemRefusal.class);
    }
}
