package dev.lethe.testsupport;

import dev.lethe.cleaners.ResourceSettings;
import dev.lethe.plan.ResilienceSettings;
import dev.lethe.plan.ResourceProperties;
import jakarta.validation.Validation;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Resources for tests: {@code aResource().ofType("jdbc").dependsOn("chats").build()} for the common settings, and
 * {@link #settingsFrom(Map)} for a type's own settings bound as the worker binds them.
 */
public final class ResourceFixtures {

    private String type = "jdbc";
    private String subjectType = "user";
    private String subjectValue = "{id}";
    private List<String> categories = List.of();
    private List<String> dependsOn = List.of();
    private Integer maxAttempts;
    private Duration maxAge;
    private ResilienceSettings resilience = ResilienceSettings.NONE;

    private ResourceFixtures() {
    }

    public static ResourceFixtures aResource() {
        return new ResourceFixtures();
    }

    /** A type's own settings from properties such as {@code lethe.resources.posts.table=posts}. */
    public static ResourceSettings settingsFrom(Map<String, String> properties) {
        return new ResourceSettings(new Binder(new MapConfigurationPropertySource(properties)),
                Validation.buildDefaultValidatorFactory().getValidator());
    }

    public ResourceFixtures ofType(String value) {
        this.type = value;
        return this;
    }

    public ResourceFixtures forSubjectType(String value) {
        this.subjectType = value;
        return this;
    }

    public ResourceFixtures withSubjectValue(String template) {
        this.subjectValue = template;
        return this;
    }

    public ResourceFixtures inCategories(String... values) {
        this.categories = List.of(values);
        return this;
    }

    public ResourceFixtures dependsOn(String... names) {
        this.dependsOn = List.of(names);
        return this;
    }

    public ResourceFixtures withBudget(Integer attempts, Duration age) {
        this.maxAttempts = attempts;
        this.maxAge = age;
        return this;
    }

    public ResourceFixtures withResilience(ResilienceSettings value) {
        this.resilience = value;
        return this;
    }

    public ResourceProperties build() {
        return new ResourceProperties(type, subjectType, subjectValue, categories, dependsOn, maxAttempts, maxAge, resilience);
    }
}
