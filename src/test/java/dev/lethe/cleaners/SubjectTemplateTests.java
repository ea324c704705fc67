package dev.lethe.cleaners;

import static dev.lethe.testsupport.ResourceFixtures.aResource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.core.DeletionRequest.Subject;
import dev.lethe.core.InvalidConfigurationException;
import dev.lethe.plan.Resource;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SubjectTemplateTests {

    private static final String SETTING = "lethe.resources.events.subject-value";
    private final Subject subject = new Subject("user", "1001", "acme");

    @Test
    void aPatternRefusesAValueHoldingTheSeparatorThatFollowsItsPlaceholder() {
        SubjectTemplate cart = SubjectTemplate.parse("cart:{tenant}:{id}:*", "lethe.resources.cache.keys[0]");

        // (a, "b:c") and (a:b, "c") would both be cart:a:b:c:*, and 1's pattern would cover 1:x's keys.
        assertThatThrownBy(() -> cart.expandUnambiguous(new Subject("user", "b:c", "a"), value -> value))
                .isInstanceOf(AmbiguousSubjectValue.class)
                .hasMessage("{id} holds ':', the separator that follows it in cart:{tenant}:{id}:*: refused, it could"
                        + " reach another subject's items")
                .satisfies(error -> assertThat(((AmbiguousSubjectValue) error).isTransient()).isFalse());
        assertThatThrownBy(() -> cart.expandUnambiguous(new Subject("user", "c", "a:b"), value -> value))
                .hasMessageStartingWith("{tenant} holds ':'");
        assertThat(cart.expandUnambiguous(new Subject("user", "1-x", "a"), value -> value)).isEqualTo("cart:a:1-x:*");
        assertThat(SubjectTemplate.parse("users/{id}", "s").expandUnambiguous(new Subject("user", "a:b", ""), v -> v))
                .as("nothing follows the placeholder").isEqualTo("users/a:b");
    }

    @Test
    void expandsEveryPlaceholderAndKeepsLiteralText() {
        assertThat(parse("{id}").expand(subject)).isEqualTo("1001");
        assertThat(parse("{tenant}:{type}:{id}").expand(subject)).isEqualTo("acme:user:1001");
        assertThat(parse("users/{id}/avatar.png").expand(subject)).isEqualTo("users/1001/avatar.png");
        assertThat(parse("{tenant}-{id}").expand(new Subject("user", "7", ""))).as("no tenant: empty").isEqualTo("-7");
        assertThat(parse("static").expand(subject)).isEqualTo("static");
    }

    @Test
    void sha256IsTheLowercaseHexDigestOfTheUtf8Id() {
        // printf '1001' | sha256sum
        assertThat(parse("{sha256}").expand(subject))
                .isEqualTo("fe675fe7aaee830b6fed09b64e034f84dcbdaeb429d9cccd4ebb90e15af8dd71");
        // printf 'ü' | sha256sum: the id's UTF-8 bytes, not another encoding
        assertThat(parse("u:{sha256}").expand(new Subject("user", "ü", "")))
                .isEqualTo("u:607474ca475a9724d7360aba71a56d5df77e61350e3f724cfa1f46e857e2d85f");
    }

    @Test
    void escapesOnlyTheSubstitutedValuesNeverTheTemplatesOwnText() {
        SubjectTemplate template = parse("https://crm.example/api/users/{id}?tenant={tenant}&x=a b");
        Subject hostile = new Subject("user", "../1 & 2?", "a/b");

        assertThat(template.expand(hostile, value -> URLEncoder.encode(value, StandardCharsets.UTF_8)))
                .isEqualTo("https://crm.example/api/users/..%2F1+%26+2%3F?tenant=a%2Fb&x=a b");
        assertThat(parse("user:{id}:*").expand(new Subject("user", "a*b", ""), value -> value.replace("*", "\\*")))
                .as("a pattern's own wildcard stays one, the id's is escaped").isEqualTo("user:a\\*b:*");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{ID}       | unknown placeholder {ID}",
            "{user_id}  | unknown placeholder {user_id}",
            "{}         | unknown placeholder {}",
            "{id        | unbalanced '{' at position 1",
            "a{b{id}}   | unbalanced '{' at position 2",
            "id}        | unbalanced '}' at position 3",
            "{id}}      | unbalanced '}' at position 5",
    })
    void refusesAnUnknownPlaceholderOrAnUnbalancedBraceNamingTheSetting(String template, String problem) {
        assertThatThrownBy(() -> parse(template)).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith(SETTING + ": " + problem)
                .hasMessageContaining("placeholders: {id}, {tenant}, {type}, {sha256}");
    }

    @Test
    void refusesAnEmptyTemplate() {
        assertThatThrownBy(() -> parse("")).hasMessageStartingWith(SETTING + " must not be empty");
    }

    @Test
    void readsTheResourcesSubjectValueWithTheDefaultId() {
        assertThat(SubjectTemplate.of(new Resource("events", aResource().build())).expand(subject)).isEqualTo("1001");
        assertThat(SubjectTemplate.of(new Resource("events", aResource().withSubjectValue("{sha256}").build())))
                .hasToString("{sha256}");
        assertThatThrownBy(() -> SubjectTemplate.of(new Resource("events", aResource().withSubjectValue("{x}").build())))
                .hasMessageStartingWith(SETTING + ": unknown placeholder {x}");
    }

    @Test
    void itsTextIsTheTemplateNeverAValue() {
        assertThat(parse("u-{id}")).hasToString("u-{id}");
    }

    private static SubjectTemplate parse(String template) {
        return SubjectTemplate.parse(template, SETTING);
    }
}
