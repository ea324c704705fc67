package dev.lethe.plan;

import dev.lethe.core.InvalidConfigurationException;
import static dev.lethe.plan.Resources.resources;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ResourceCatalogTests {

    @Test
    void ordersDependenciesFirstAndOtherwiseKeepsConfigurationOrder() {
        ResourceCatalog catalog = resources()
                .jdbc("users").dependsOn("chats", "posts")
                .jdbc("chats").dependsOn("messages")
                .jdbc("posts")
                .jdbc("messages")
                .catalog();

        assertThat(catalog.all()).extracting(Resource::name).containsExactly("messages", "chats", "posts", "users");
    }

    @Test
    void stopsAtAnUnknownDependencyNamingTheResource() {
        assertThatThrownBy(() -> resources().jdbc("chats").dependsOn("mesages").catalog())
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("lethe.resources.chats: depends-on names unknown resource 'mesages'");
    }

    @Test
    void stopsAtACycleNamingTheResources() {
        assertThatThrownBy(() -> resources()
                .jdbc("a").dependsOn("b")
                .jdbc("b").dependsOn("c")
                .jdbc("c").dependsOn("a")
                .catalog())
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("lethe.resources.a: depends-on forms a cycle: a -> b -> c -> a");
    }

    @Test
    void stopsAtAResourceThatDependsOnItself() {
        assertThatThrownBy(() -> resources().jdbc("a").dependsOn("a").catalog())
                .hasMessageContaining("cycle: a -> a");
    }

    @Test
    void stopsAtAMissingType() {
        assertThatThrownBy(() -> resources().jdbc("a").ofType(null).catalog())
                .hasMessage("lethe.resources.a: type is missing");
    }

    @Test
    void knowsNamesAndCategories() {
        ResourceCatalog catalog = resources().jdbc("chats", "conversations").catalog();

        assertThat(catalog.knowsNameOrCategory("chats")).isTrue();
        assertThat(catalog.knowsNameOrCategory("conversations")).isTrue();
        assertThat(catalog.knowsNameOrCategory("posts")).isFalse();
    }
}
