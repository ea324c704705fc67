package dev.lethe.cleaners.s3;

import static dev.lethe.testsupport.ResourceFixtures.aResource;
import static dev.lethe.testsupport.ResourceFixtures.settingsFrom;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.cleaners.Cleaner;
import dev.lethe.core.InvalidConfigurationException;
import dev.lethe.plan.ResilienceSettings;
import dev.lethe.plan.Resource;
import dev.lethe.testsupport.LogCapture;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The type's own settings are bound and checked at start, with errors naming the setting. */
class S3CleanerFactoryTests {

    private final S3Clients clients = new S3Clients();
    private final S3CleanerFactory factory = new S3CleanerFactory(clients, ResilienceSettings.BUILT_IN);
    private final Resource photos = new Resource("photos", aResource().ofType("s3").build());

    @AfterEach
    void closeClients() {
        clients.close();
    }

    @Test
    void bindsItsSettingsAndMakesACleanerThatCannotSoftDelete() {
        Cleaner cleaner = factory.create(photos, settingsFrom(settings(Map.of(
                "path-style", "true", "region", "eu-central-1", "access-key", "key", "secret-key", "secret"))));

        assertThat(cleaner).isInstanceOf(S3Cleaner.class);
        assertThat(cleaner.supportsSoftDelete()).isFalse();
        assertThat(factory.type()).isEqualTo("s3");
        assertThat(factory.failureClassifier()).isSameAs(S3Failures.CLASSIFIER);
    }

    @Test
    void anEndpointWithoutRegionOrKeysIsEnough() {
        assertThatCode(() -> factory.create(photos, settingsFrom(settings(Map.of())))).doesNotThrowAnyException();
    }

    @Test
    void aMissingBucketStopsStartUpNamingIt() {
        Map<String, String> properties = settings(Map.of());
        properties.remove("lethe.resources.photos.bucket");

        assertThatThrownBy(() -> factory.create(photos, settingsFrom(properties)))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("lethe.resources.photos.bucket ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"my bucket", "a", "bucket/with/slash", "-leading"})
    void aBucketNameThatCannotBeStopsStartUpNamingIt(String bucket) {
        assertThatThrownBy(() -> factory.create(photos, settingsFrom(settings(Map.of("bucket", bucket)))))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("lethe.resources.photos.bucket ");
    }

    @Test
    void aMissingOrUnsafePrefixStopsStartUpNamingIt() {
        Map<String, String> properties = settings(Map.of());
        properties.remove("lethe.resources.photos.prefix");

        assertThatThrownBy(() -> factory.create(photos, settingsFrom(properties)))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("lethe.resources.photos.prefix ");
        assertThatThrownBy(() -> factory.create(photos, settingsFrom(settings(Map.of("prefix", "users/{id}")))))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("lethe.resources.photos.prefix must end with '/'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://minio:9000", "minio:9000", "http://user:pass@minio:9000", "http://minio:9000?x=1",
            "http://", "http://mi nio"})
    void anEndpointThatIsNoPlainHttpUrlStopsStartUpNamingIt(String endpoint) {
        assertThatThrownBy(() -> factory.create(photos, settingsFrom(settings(Map.of("endpoint", endpoint)))))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("lethe.resources.photos.endpoint ");
    }

    @Test
    void anAccessKeyWithoutSecretKeyStopsStartUpNamingTheMissingOne() {
        assertThatThrownBy(() -> factory.create(photos, settingsFrom(settings(Map.of("access-key", "key")))))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("lethe.resources.photos.secret-key must be set with lethe.resources.photos.access-key");
        assertThatThrownBy(() -> factory.create(photos, settingsFrom(settings(Map.of("secret-key", "secret")))))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("lethe.resources.photos.access-key must be set with lethe.resources.photos.secret-key");
    }

    @Test
    void aSettingThatCannotBeConvertedStopsStartUpNamingIt() {
        assertThatThrownBy(() -> factory.create(photos, settingsFrom(settings(Map.of("path-style", "perhaps")))))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("lethe.resources.photos.path-style");
    }

    @Test
    void warnsWhenTheSdksDebugLoggingWouldWriteKeys() {
        try (LogCapture logs = LogCapture.atDebug("org.apache.hc.client5.http.wire")) {
            factory.create(photos, settingsFrom(settings(Map.of())));

            assertThat(logs.lines()).anyMatch(line -> line.contains("DEBUG logging is on for [org.apache.hc.client5.http.wire]"));
        }
        try (LogCapture logs = LogCapture.atDebug()) {
            new S3CleanerFactory(clients, ResilienceSettings.BUILT_IN).create(photos, settingsFrom(settings(Map.of())));

            assertThat(logs.lines()).noneMatch(line -> line.contains("DEBUG logging is on"));
        }
    }

    /** An S3-compatible store's settings, with some replaced or added. */
    private static Map<String, String> settings(Map<String, String> overrides) {
        Map<String, String> properties = new HashMap<>();
        properties.put("lethe.resources.photos.bucket", "photos");
        properties.put("lethe.resources.photos.prefix", "users/{id}/");
        properties.put("lethe.resources.photos.endpoint", "http://127.0.0.1:9000");
        overrides.forEach((setting, value) -> properties.put("lethe.resources.photos." + setting, value));
        return properties;
    }
}
