package dev.lethe.cleaners.jdbc;

import static dev.lethe.testsupport.ResourceFixtures.aResource;
import static dev.lethe.testsupport.ResourceFixtures.settingsFrom;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.cleaners.ResourceSettings;
import dev.lethe.core.InvalidConfigurationException;
import jakarta.validation.Validation;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ByteArrayResource;
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
    void bindsTheNewSettingsAsYamlWritesThemWithNullAMaskStrategy() throws Exception {
        String yaml = """
                lethe.resources.orders:
                  datasource: app
                  table: orders
                  subject-column: user_id
                  soft-delete-flag: is_deleted
                  where: "not shared"
                  mask:
                    full_name: "'redacted'"
                    email: hash
                    phone: null
                    user_id:
                """;
        var sources = new YamlPropertySourceLoader().load("test", new ByteArrayResource(yaml.getBytes(StandardCharsets.UTF_8)));
        var bound = new ResourceSettings(new Binder(ConfigurationPropertySources.from(sources)),
                Validation.buildDefaultValidatorFactory().getValidator());

        JdbcTable table = JdbcTable.checked("orders", bound.bind("orders", JdbcSettings.class));

        assertThat(table.softDeleteFlag()).isEqualTo("is_deleted");
        assertThat(table.where().text()).isEqualTo("not shared");
        assertThat(table.mask()).containsExactly(Map.entry("email", MaskRule.HASH),
                Map.entry("full_name", new MaskRule(MaskRule.Kind.LITERAL, "redacted")),
                Map.entry("phone", MaskRule.NULL), Map.entry("user_id", MaskRule.NULL));
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
