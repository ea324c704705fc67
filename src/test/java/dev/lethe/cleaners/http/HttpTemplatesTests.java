package dev.lethe.cleaners.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.core.DeletionRequest.Subject;
import dev.lethe.core.InvalidConfigurationException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Escaping of subject values in URLs and JSON bodies, and the resolution of header variables. */
class HttpTemplatesTests {

    private static final String SETTING = "lethe.resources.orders.url";

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1001|1001",
            "a/b|a%2Fb",
            "a?b|a%3Fb",
            "a#b|a%23b",
            "a&b=c|a%26b%3Dc",
            "..|..",
            "a b+c|a%20b%2Bc",
            "%41|%2541",
            "*[?]|%2A%5B%3F%5D",
            "ü€|%C3%BC%E2%82%AC",
            "Az09-._~|Az09-._~"})
    void encodesEveryByteButTheUnreservedCharacters(String value, String encoded) {
        assertThat(UrlTemplate.encode(value)).isEqualTo(encoded);
    }

    @Test
    void keepsTheTemplatesOwnTextAndEncodesOnlyTheValues() throws Exception {
        UrlTemplate url = UrlTemplate.parse("https://erase.example.com:8443/v1/%7Eusers/{id}/data?tenant={tenant}&x=a%20b",
                SETTING);

        assertThat(url.expand(new Subject("user", "a/b?c", "t&u")).toString())
                .isEqualTo("https://erase.example.com:8443/v1/%7Eusers/a%2Fb%3Fc/data?tenant=t%26u&x=a%20b");
        assertThat(url).hasToString("https://erase.example.com:8443/v1/%7Eusers/{id}/data?tenant={tenant}&x=a%20b");
    }

    @Test
    void anEmptyValueIsFineInTheQueryButNotAsAWholePathSegment() throws Exception {
        UrlTemplate query = UrlTemplate.parse("https://erase.example.com/users/{id}?tenant={tenant}", SETTING);
        UrlTemplate path = UrlTemplate.parse("https://erase.example.com/tenants/{tenant}/users/{id}", SETTING);
        UrlTemplate partOfSegment = UrlTemplate.parse("https://erase.example.com/users/{id}.{tenant}/", SETTING);
        Subject noTenant = new Subject("user", "1001", "");

        assertThat(query.expand(noTenant).toString()).isEqualTo("https://erase.example.com/users/1001?tenant=");
        assertThat(partOfSegment.expand(new Subject("user", "1001", "")).toString())
                .as("a segment that is more than the empty value").isEqualTo("https://erase.example.com/users/1001./");
        assertThatThrownBy(() -> path.expand(noTenant)).isInstanceOf(HttpCallFailure.class);
    }

    @Test
    void aDotSegmentMadeOfAValueAndLiteralTextIsRefusedToo() {
        UrlTemplate url = UrlTemplate.parse("https://erase.example.com/users/.{id}/x", SETTING);
        UrlTemplate twoValues = UrlTemplate.parse("https://erase.example.com/users/{id}.{tenant}/", SETTING);

        assertThatThrownBy(() -> url.expand(new Subject("user", ".", ""))).isInstanceOf(HttpCallFailure.class);
        assertThatThrownBy(() -> twoValues.expand(new Subject("user", ".", ""))).isInstanceOf(HttpCallFailure.class);
    }

    @Test
    void aJsonBodyHoldsTheValuesAsStringsWhateverTheyContain() {
        JsonBodyTemplate body = JsonBodyTemplate.parse(
                "{\"user\": \"{id}\", \"note\": \"gdpr {tenant}\", \"tags\": [\"{type}\", 7], \"exact\": 0.10, \"on\": true}",
                "lethe.resources.orders.body");
        String hostile = "\", \"admin\": true, \"x\": \"\\\u0000\n\u2028{}";

        String text = body.expand(new Subject("user", hostile, "acme"));
        JsonNode json = JsonMapper.builder().build().readTree(text);

        assertThat(json.propertyNames()).containsExactly("user", "note", "tags", "exact", "on");
        assertThat(json.path("user").asString()).isEqualTo(hostile);
        assertThat(json.path("note").asString()).isEqualTo("gdpr acme");
        assertThat(json.path("tags").toString()).isEqualTo("[\"user\",7]");
        assertThat(text).as("numbers as written").contains("\"exact\":0.10");
        assertThat(body).hasToString("{\"user\": \"{id}\", \"note\": \"gdpr {tenant}\", \"tags\": [\"{type}\", 7], "
                + "\"exact\": 0.10, \"on\": true}");
    }

    @Test
    void aPlaceholderOutsideAJsonStringStopsStartUp() {
        assertThatThrownBy(() -> JsonBodyTemplate.parse("{\"user\": {id}}", "lethe.resources.orders.body"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("lethe.resources.orders.body must be JSON");
        assertThatThrownBy(() -> JsonBodyTemplate.parse("{\"a\": 1, \"a\": 2}", "lethe.resources.orders.body"))
                .as("a field twice").isInstanceOf(InvalidConfigurationException.class);
    }

    @Test
    void headerVariablesAreResolvedFromTheEnvironment() {
        Map<String, String> resolved = HeaderValues.resolve(
                Map.of("Authorization", "Bearer ${TOKEN}", "X-Both", "${A}-${B}", "X-Plain", "$5 {not} ${"),
                Map.of("TOKEN", "t0k3n", "A", "1", "B", "$2")::get, "lethe.resources.orders.headers");

        assertThat(resolved).containsEntry("Authorization", "Bearer t0k3n").containsEntry("X-Both", "1-$2")
                .containsEntry("X-Plain", "$5 {not} ${");
    }

    @Test
    void aRealEnvironmentVariableResolves() {
        String home = System.getenv("PATH");

        assertThat(HeaderValues.resolve(Map.of("X-Path", "${PATH}"), System::getenv, "h")).containsEntry("X-Path", home);
    }

    @Test
    void aMissingVariableStopsStartUpNamingTheHeaderAndTheVariableNeverAValue() {
        assertThatThrownBy(() -> HeaderValues.resolve(Map.of("Authorization", "Bearer ${TOKEN} ${MISSING}"),
                Map.of("TOKEN", "t0k3n")::get, "lethe.resources.orders.headers"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("lethe.resources.orders.headers.Authorization: the environment variable MISSING is not set");
    }
}
