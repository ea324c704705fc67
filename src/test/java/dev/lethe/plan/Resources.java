package dev.lethe.plan;

import static dev.lethe.testsupport.ResourceFixtures.aResource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds resource catalogs for tests: {@code resources().jdbc("chats").dependsOn("messages")}. */
final class Resources {

    private final Map<String, ResourceProperties> resources = new LinkedHashMap<>();
    private String last;

    static Resources resources() {
        return new Resources();
    }

    Resources jdbc(String name, String... categories) {
        last = name;
        resources.put(name, aResource().inCategories(categories).build());
        return this;
    }

    Resources ofType(String type) {
        return replace(aResourceLike(resources.get(last)).ofType(type));
    }

    Resources forSubjectType(String subjectType) {
        return replace(aResourceLike(resources.get(last)).forSubjectType(subjectType));
    }

    Resources dependsOn(String... names) {
        return replace(aResourceLike(resources.get(last)).dependsOn(names));
    }

    Map<String, ResourceProperties> build() {
        return resources;
    }

    ResourceCatalog catalog() {
        return new ResourceCatalog(resources);
    }

    private static dev.lethe.testsupport.ResourceFixtures aResourceLike(ResourceProperties p) {
        return aResource().ofType(p.type()).forSubjectType(p.subjectType())
                .inCategories(p.categories().toArray(String[]::new)).dependsOn(p.dependsOn().toArray(String[]::new));
    }

    private Resources replace(dev.lethe.testsupport.ResourceFixtures fixture) {
        resources.put(last, fixture.build());
        return this;
    }
}
