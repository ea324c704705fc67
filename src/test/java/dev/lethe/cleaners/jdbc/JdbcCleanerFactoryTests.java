package dev.lethe.cleaners.jdbc;

import static dev.lethe.testsupport.ResourceFixtures.aResource;
import static dev.lethe.testsupport.ResourceFixtures.settingsFrom;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.core.InvalidConfigurationException;
import dev.lethe.plan.ResilienceSettings;
import dev.lethe.plan.Resource;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JdbcCleanerFactoryTests {

    private final TargetDataSources dataSources = new TargetDataSources(new DataSourcesProperties(Map.of()));
    private final JdbcCleanerFactory factory = new JdbcCleanerFactory(dataSources, new StartupChecks(dataSources),
            ResilienceSettings.BUILT_IN, HmacPads.NONE);
    private final Resource posts = new Resource("posts", aResource().build());

    @Test
    void stopsAtAnUnknownDatasourceNamingTheSetting() {
        var settings = settingsFrom(Map.of("lethe.resources.posts.datasource", "missing",
                "lethe.resources.posts.table", "posts", "lethe.resources.posts.subject-column", "user_id"));

        assertThatThrownBy(() -> factory.create(posts, settings))
                .hasMessageStartingWith("lethe.resources.posts.datasource names unknown datasource 'missing'");
    }

    @Test
    void stopsAtAHashMaskWithoutASubjectKey() {
        var settings = settingsFrom(Map.of("lethe.resources.posts.datasource", "app",
                "lethe.resources.posts.table", "posts", "lethe.resources.posts.subject-column", "user_id",
                "lethe.resources.posts.mask.body", "hash"));

        assertThatThrownBy(() -> factory.create(posts, settings))
                .hasMessage("lethe.resources.posts.mask.body: hash needs lethe.audit.subject-key");
    }

    @Test
    void stopsAtABadSubjectValueNamingIt() {
        var settings = settingsFrom(Map.of("lethe.resources.posts.datasource", "app",
                "lethe.resources.posts.table", "posts", "lethe.resources.posts.subject-column", "user_id"));
        Resource hashed = new Resource("posts", aResource().withSubjectValue("{sha265}").build());

        assertThatThrownBy(() -> factory.create(hashed, settings))
                .hasMessageStartingWith("lethe.resources.posts.subject-value: unknown placeholder {sha265}");
    }

    @Test
    void stopsAtAMissingRequiredSettingNamingIt() {
        var settings = settingsFrom(Map.of("lethe.resources.posts.datasource", "app",
                "lethe.resources.posts.subject-column", "user_id"));

        assertThatThrownBy(() -> factory.create(posts, settings))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("lethe.resources.posts.table ");
    }
}
