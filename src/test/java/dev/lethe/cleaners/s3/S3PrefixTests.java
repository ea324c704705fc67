package dev.lethe.cleaners.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.core.DeletionRequest.Subject;
import dev.lethe.core.InvalidConfigurationException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The prefix template's rules and the escaping of substituted values: no id reaches another subject's prefix. */
class S3PrefixTests {

    private static final String SETTING = "lethe.resources.photos.prefix";

    @Test
    void substitutesTheSubjectsValuesIntoTheTemplate() {
        assertThat(prefix("users/{id}/").expand(subject("1001", ""))).isEqualTo("users/1001/");
        assertThat(prefix("t/{tenant}/{type}/{id}/files/").expand(subject("7", "acme"))).isEqualTo("t/acme/user/7/files/");
        assertThat(prefix("t/{tenant}/u/{id}/").expand(subject("7", ""))).isEqualTo("t//u/7/");
        assertThat(prefix("hashed/{sha256}/").expand(subject("1001", "")))
                .isEqualTo("hashed/fe675fe7aaee830b6fed09b64e034f84dcbdaeb429d9cccd4ebb90e15af8dd71/");
    }

    @Test
    void escapesDelimitersPercentSignsAndDotSegmentsButKeepsPatternCharactersLiteral() {
        S3Prefix prefix = prefix("users/{id}/");

        assertThat(prefix.expand(subject("1/", ""))).isEqualTo("users/1%2F/");
        assertThat(prefix.expand(subject("1/../2", ""))).isEqualTo("users/1%2F..%2F2/");
        assertThat(prefix.expand(subject("..", ""))).isEqualTo("users/%2E%2E/");
        assertThat(prefix.expand(subject(".", ""))).isEqualTo("users/%2E/");
        assertThat(prefix.expand(subject("...", ""))).isEqualTo("users/.../");
        assertThat(prefix.expand(subject("50%", ""))).isEqualTo("users/50%25/");
        assertThat(prefix.expand(subject("1%2F", ""))).isEqualTo("users/1%252F/");
        assertThat(prefix.expand(subject("a*b?[c]", ""))).isEqualTo("users/a*b?[c]/");
    }

    @Test
    void noSubjectsPrefixStartsWithAnothers() {
        List<String> ids = List.of("1", "10", "1/", "1/0", "1%2F", "1%2F0", "%31", "..", ".", "%2E%2E", "%2E", "/", "%",
                "%25", "*", "1*", "[1]", "?", "a b", "ü", "1\\0");
        List<String> tenants = List.of("", "a", "a/b", "a%2Fb", "..");
        S3Prefix prefix = prefix("t/{tenant}/u/{id}/");
        List<String> expanded = new ArrayList<>();
        for (String tenant : tenants) {
            for (String id : ids) {
                expanded.add(prefix.expand(subject(id, tenant)));
            }
        }
        for (int i = 0; i < expanded.size(); i++) {
            for (int j = 0; j < expanded.size(); j++) {
                if (i != j) {
                    assertThat(expanded.get(j)).as("prefix %s", expanded.get(i)).doesNotStartWith(expanded.get(i));
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"users/{id}", "users/{id}.json", "users/{id}/photo", "users/{id}-"})
    void aPrefixThatDoesNotEndWithADelimiterAfterItsLastPlaceholderStopsStartUp(String template) {
        assertThatThrownBy(() -> prefix(template)).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith(SETTING + " must end with '/' after its last placeholder");
    }

    @ParameterizedTest
    @ValueSource(strings = {"exports/{tenant}/", "{type}/{tenant}/"})
    void aPrefixThatDoesNotNameTheSubjectStopsStartUp(String template) {
        assertThatThrownBy(() -> prefix(template)).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith(SETTING + " must name the subject with {id} or {sha256}");
    }

    @Test
    void aPrefixWithoutPlaceholderStopsStartUp() {
        assertThatThrownBy(() -> prefix("users/")).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith(SETTING + " must contain a placeholder");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{tenant}-{id}/", "{tenant}{id}/", "t/{tenant}.{id}/"})
    void placeholdersNotSeparatedByADelimiterStopStartUp(String template) {
        assertThatThrownBy(() -> prefix(template)).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith(SETTING + " must have a '/' between two placeholders");
    }

    @Test
    void anUnknownPlaceholderStopsStartUpNamingTheSetting() {
        assertThatThrownBy(() -> prefix("users/{user}/")).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith(SETTING + ": unknown placeholder {user}");
    }

    @Test
    void acceptsDelimitedTemplatesAndShowsOnlyTheTemplate() {
        assertThat(prefix("users/{id}/photos/")).hasToString("users/{id}/photos/");
        assertThat(prefix("{tenant}/x-{id}-y/")).hasToString("{tenant}/x-{id}-y/");
        assertThat(prefix("users/{id}/").toString()).doesNotContain("1001");
    }

    private static S3Prefix prefix(String template) {
        return S3Prefix.parse(template, SETTING);
    }

    private static Subject subject(String id, String tenant) {
        return new Subject("user", id, tenant);
    }
}
