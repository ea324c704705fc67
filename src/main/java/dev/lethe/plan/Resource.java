package dev.lethe.plan;

import java.util.List;
import java.util.Set;

/**
 * A configured resource, checked at start-up.
 *
 * @param name the key under {@code lethe.resources}
 * @param settings what was configured
 */
public record Resource(String name, ResourceProperties settings) {

    public String type() {
        return settings.type();
    }

    public List<String> dependsOn() {
        return settings.dependsOn();
    }

    public boolean appliesTo(String subjectType) {
        return settings.subjectType().equals(subjectType);
    }

    /** True when a scope entry (a resource name or a category) selects this resource. */
    public boolean isSelectedBy(Set<String> scopeNames) {
        return scopeNames.contains(name) || settings.categories().stream().anyMatch(scopeNames::contains);
    }
}
