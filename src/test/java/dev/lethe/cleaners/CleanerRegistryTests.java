package dev.lethe.cleaners;

import static dev.lethe.testsupport.ResourceFixtures.aResource;
import static dev.lethe.testsupport.ResourceFixtures.settingsFrom;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.core.InvalidConfigurationException;
import dev.lethe.plan.Resource;
import dev.lethe.plan.ResourceCatalog;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CleanerRegistryTests {

    private final CleanerFactory jdbcLike = new CleanerFactory() {
        @Override
        public String type() {
            return "jdbc";
        }

        @Override
        public Cleaner create(Resource resource, ResourceSettings settings) {
            return new Cleaner() {
                @Override
                public long clean(CleanCommand command) {
                    return 0;
                }

                @Override
                public boolean supportsSoftDelete() {
                    return false;
                }
            };
        }

        @Override
        public FailureClassifier failureClassifier() {
            return error -> error instanceof IllegalStateException;
        }
    };

    @Test
    void stopsAtAnUnknownTypeNamingTheResourceAndTheKnownTypes() {
        ResourceCatalog catalog = new ResourceCatalog(Map.of("cache", aResource().ofType("memcached").build()));

        assertThatThrownBy(() -> new CleanerRegistry(catalog, List.of(jdbcLike), settingsFrom(Map.of())))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("lethe.resources.cache: unknown type 'memcached' (known: jdbc)");
    }

    @Test
    void asksEachResourceTheClassifierOfItsType() {
        ResourceCatalog catalog = new ResourceCatalog(Map.of("posts", aResource().ofType("jdbc").build()));

        CleanerRegistry registry = new CleanerRegistry(catalog, List.of(jdbcLike), settingsFrom(Map.of()));

        assertThat(registry.classifierOf("posts").isTransient(new IllegalStateException())).isTrue();
        assertThat(registry.classifierOf("posts").isTransient(new IllegalArgumentException())).isFalse();
        assertThat(registry.classifierOf("removed").isTransient(new java.net.ConnectException())).isTrue();
    }
}
