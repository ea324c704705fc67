package dev.lethe.cleaners.http;

import static dev.lethe.testsupport.ResourceFixtures.aResource;
import static dev.lethe.testsupport.ResourceFixtures.settingsFrom;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.cleaners.Cleaner;
import dev.lethe.core.InvalidConfigurationException;
import dev.lethe.plan.ResilienceSettings;
import dev.lethe.plan.Resource;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The http type's settings are bound and checked at start, each problem stopping start-up with one message naming
 * {@code lethe.resources.<name>.<setting>}, and never a header's value.
 */
class HttpCleanerFactoryTests {

    private static final String URL = "https://erase.example.com/v1/users/{id}";

    private final HttpCleanerFactory factory = new HttpCleanerFactory(ResilienceSettings.BUILT_IN,
            Map.of("ORDERS_TOKEN", "s3cret-token")::get, Clock.systemUTC());
    private final Resource orders = new Resource("orders", aResource().ofType("http").build());

    @Test
    void onlyTheUrlIsRequired() {
        HttpSettings settings = settingsFrom(Map.of("lethe.resources.orders.url", URL))
                .bind("orders", HttpSettings.class);

        assertThat(settings.method()).isEqualTo("DELETE");
        assertThat(settings.nothingFoundStatuses()).containsExactly(404, 410);
        assertThat(settings.headers()).isEmpty();
        assertThat(settings.dryRun()).isNull();
        assertThat(settings.soft()).isNull();
        assertThat(settings.maxRetryAfter()).hasMinutes(10);
        assertThat(create("url", URL).supportsSoftDelete()).isFalse();
    }

    @Test
    void everySettingBinds() {
        HttpSettings settings = settingsFrom(properties(
                "url", URL, "method", "POST", "headers.Authorization", "Bearer x", "headers.X-Api-Key", "k",
                "body", "{\"id\":\"{id}\"}", "items-pointer", "/deleted", "nothing-found-statuses", "404,422",
                "dry-run.url", URL + "/preview", "dry-run.items-pointer", "/count",
                "soft.method", "PATCH", "soft.body", "{\"deleted\":true}", "max-retry-after", "90s"))
                .bind("orders", HttpSettings.class);

        assertThat(settings.headers()).containsOnlyKeys("Authorization", "X-Api-Key");
        assertThat(settings.nothingFoundStatuses()).containsExactly(404, 422);
        assertThat(settings.dryRun().method()).as("the dry run's default method").isEqualTo("GET");
        assertThat(settings.soft().method()).isEqualTo("PATCH");
        assertThat(settings.soft().url()).isNull();
        assertThat(settings.maxRetryAfter()).hasSeconds(90);
    }

    @Test
    void aSoftCallMakesSoftSupported() {
        assertThat(create("url", URL, "soft.method", "PATCH").supportsSoftDelete()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // setting | value | the message starts with
            "url||lethe.resources.orders.url ",
            "url|erase.example.com/users/{id}|lethe.resources.orders.url must be an absolute",
            "url|ftp://erase.example.com/{id}|lethe.resources.orders.url must be an absolute",
            "url|https://{tenant}.example.com/users/{id}|lethe.resources.orders.url must name its host literally",
            "url|https://erase.example.com:{id}/users|lethe.resources.orders.url must name its host literally",
            "url|https://erase.example.com/users/{id}#top|lethe.resources.orders.url must not have a fragment",
            "url|https://erase.example.com/users/all|lethe.resources.orders.url or lethe.resources.orders.body must name the subject",
            "url|https://erase.example.com/users/{user}|lethe.resources.orders.url: unknown placeholder {user}",
            "url|https://erase.example.com/users/{id|lethe.resources.orders.url: unbalanced '{'",
            "url|https://erase.example.com/users/a b/{id}|lethe.resources.orders.url is not a valid URL",
            "method|delete|lethe.resources.orders.method must be an HTTP method",
            "method|CONNECT|lethe.resources.orders.method: CONNECT is not a method",
            "body|{\"id\": {id}}|lethe.resources.orders.body must be JSON",
            "body|{\"id\": \"{id}\"} trailing|lethe.resources.orders.body must be JSON",
            "body|{\"id\": \"{identity}\"}|lethe.resources.orders.body: unknown placeholder {identity}",
            "items-pointer|deleted|lethe.resources.orders.items-pointer must be a JSON pointer",
            "nothing-found-statuses|404,503|lethe.resources.orders.nothing-found-statuses must hold statuses",
            "nothing-found-statuses|429|lethe.resources.orders.nothing-found-statuses must hold statuses",
            "nothing-found-statuses|404,many|lethe.resources.orders.nothing-found-statuses",
            "dry-run.method|DELETE|lethe.resources.orders.dry-run.method must not be DELETE",
            "dry-run.url|https://{id}.example.com/|lethe.resources.orders.dry-run.url must name its host literally",
            "dry-run.items-pointer|count|lethe.resources.orders.dry-run.items-pointer must be a JSON pointer",
            "soft.url|https://erase.example.com/{id}|lethe.resources.orders.soft.method ",
            "max-retry-after|soon|lethe.resources.orders.max-retry-after",
            "max-retry-after|-1s|lethe.resources.orders.max-retry-after must not be negative",
            "headers.Host|erase.example.com|lethe.resources.orders.headers.Host cannot be sent",
            "headers.Authorization|Bearer ${MISSING_TOKEN}|lethe.resources.orders.headers.Authorization: the environment variable MISSING_TOKEN is not set"})
    void aWrongSettingStopsStartUpNamingIt(String setting, String value, String message) {
        Map<String, String> properties = properties("url", URL);
        if (value == null) {
            properties.remove("lethe.resources.orders." + setting);
        } else {
            properties.put("lethe.resources.orders." + setting, value);
        }

        assertThatThrownBy(() -> factory.create(orders, settingsFrom(properties)))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith(message)
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void aHeaderValueIsNeverInAMessage() {
        assertThatThrownBy(() -> create("url", URL, "headers.Authorization", "Bearer s3cret\nInjected: yes"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("lethe.resources.orders.headers.Authorization cannot be sent")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void templatesMayUseEveryPlaceholderInThePathQueryAndBody() {
        // The factory refuses templates it cannot render (see the tests above); these it accepts.
        assertThatCode(() -> create("url", "https://erase.example.com/t/{tenant}/{type}/{sha256}?id={id}",
                "body", "{\"subject\": {\"id\": \"{id}\", \"ids\": [\"{id}\", \"{sha256}\"]}, \"n\": 1.50}"))
                .doesNotThrowAnyException();
    }

    private Cleaner create(String... settings) {
        return factory.create(orders, settingsFrom(properties(settings)));
    }

    private static Map<String, String> properties(String... settings) {
        Map<String, String> properties = new HashMap<>();
        for (int i = 0; i < settings.length; i += 2) {
            properties.put("lethe.resources.orders." + settings[i], settings[i + 1]);
        }
        return properties;
    }
}
