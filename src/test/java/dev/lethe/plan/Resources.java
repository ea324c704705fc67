package dev.lethe.plan;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds resource settings for tests: {@code resources().jdbc("chats").dependsOn("messages")}. */
final class Resources {

    private final Map<String, ResourceProperties> resources = new LinkedHashMap<>();
    private String last;

    static Resources resources() {
        return new Resources();
    }

    Resources jdbc(String name, String... categories) {
        return add(name, "jdbc", "user", List.of(categories), List.of());
    }

    Resources ofType(String type) {
        ResourceProperties p = resources.get(last);
        return replace(new ResourceProperties(type, p.datasource(), p.table(), p.subjectColumn(), p.softDeleteColumn(),
                p.tenantColumn(), p.subjectType(), p.categories(), p.dependsOn(), null, null, ResilienceSettings.NONE));
    }

    Resources forSubjectType(String subjectType) {
        ResourceProperties p = resources.get(last);
        return replace(new ResourceProperties(p.type(), p.datasource(), p.table(), p.subjectColumn(), p.softDeleteColumn(),
                p.tenantColumn(), subjectType, p.categories(), p.dependsOn(), null, null, ResilienceSettings.NONE));
    }

    Resources dependsOn(String... names) {
        ResourceProperties p = resources.get(last);
        return replace(new ResourceProperties(p.type(), p.datasource(), p.table(), p.subjectColumn(), p.softDeleteColumn(),
                p.tenantColumn(), p.subjectType(), p.categories(), List.of(names), null, null, ResilienceSettings.NONE));
    }

    Map<String, ResourceProperties> build() {
        return resources;
    }

    ResourceCatalog catalog() {
        return new ResourceCatalog(resources);
    }

    private Resources add(String name, String type, String subjectType, List<String> categories, List<String> dependsOn) {
        last = name;
        resources.put(name, new ResourceProperties(type, "app", name, "user_id", null, null, subjectType, categories,
                dependsOn, null, null, ResilienceSettings.NONE));
        return this;
    }

    private Resources replace(ResourceProperties properties) {
        resources.put(last, properties);
        return this;
    }
}
