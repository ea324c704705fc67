package dev.lethe.cleaners;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.core.InvalidConfigurationException;
import dev.lethe.plan.ResourceCatalog;
import dev.lethe.plan.ResilienceSettings;
import dev.lethe.plan.ResourceProperties;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CleanerRegistryTests {

    @Test
    void stopsAtAnUnknownTypeNamingTheResourceAndTheKnownTypes() {
        ResourceCatalog catalog = new ResourceCatalog(Map.of("cache", new ResourceProperties("memcached", null, null,
                null, null, null, "user", List.of(), List.of(), null, null, ResilienceSettings.NONE)));
        TargetDataSources none = new TargetDataSources(new DataSourcesProperties(Map.of()));

        assertThatThrownBy(() -> new CleanerRegistry(catalog, List.of(new JdbcCleanerFactory(none, ResilienceSettings.BUILT_IN))))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("lethe.resources.cache: unknown type 'memcached' (known: jdbc)");
    }

    @Test
    void stopsAtAnUnknownDatasourceNamingTheSetting() {
        ResourceCatalog catalog = new ResourceCatalog(Map.of("posts", new ResourceProperties("jdbc", "missing", "posts",
                "user_id", null, null, "user", List.of(), List.of(), null, null, ResilienceSettings.NONE)));
        TargetDataSources none = new TargetDataSources(new DataSourcesProperties(Map.of()));

        assertThatThrownBy(() -> new CleanerRegistry(catalog, List.of(new JdbcCleanerFactory(none, ResilienceSettings.BUILT_IN))))
                .hasMessageStartingWith("lethe.resources.posts.datasource names unknown datasource 'missing'");
    }
}
