package dev.lethe.plan;

import dev.lethe.core.InvalidConfigurationException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The configured resources, checked once at start-up: names, known dependencies, no cycles. Holds them in
 * dependency order (dependencies first, otherwise in configuration order), so any subset is ordered by filtering.
 */
public final class ResourceCatalog {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

    private final Map<String, Resource> ordered;

    public ResourceCatalog(Map<String, ResourceProperties> configured) {
        Map<String, Resource> byName = new LinkedHashMap<>();
        configured.forEach((name, settings) -> byName.put(name, new Resource(name, settings)));
        byName.values().forEach(resource -> check(resource, byName));
        this.ordered = dependenciesFirst(byName);
    }

    public Collection<Resource> all() {
        return ordered.values();
    }

    public Resource get(String name) {
        return ordered.get(name);
    }

    public boolean knowsNameOrCategory(String name) {
        return ordered.containsKey(name)
                || ordered.values().stream().anyMatch(resource -> resource.settings().categories().contains(name));
    }

    private static void check(Resource resource, Map<String, Resource> byName) {
        String name = resource.name();
        if (!NAME.matcher(name).matches()) {
            throw InvalidConfigurationException.forResource(name, "a resource name is 1-128 of [A-Za-z0-9_.-]");
        }
        if (resource.type() == null || resource.type().isBlank()) {
            throw InvalidConfigurationException.forResource(name, "type is missing");
        }
        for (String dependency : resource.dependsOn()) {
            if (!byName.containsKey(dependency)) {
                throw InvalidConfigurationException.forResource(name, "depends-on names unknown resource '" + dependency + "'");
            }
        }
    }

    private static Map<String, Resource> dependenciesFirst(Map<String, Resource> byName) {
        Map<String, Resource> result = new LinkedHashMap<>();
        Set<String> visiting = new HashSet<>();
        for (Resource resource : byName.values()) {
            visit(resource, byName, visiting, result, new ArrayList<>());
        }
        return result;
    }

    private static void visit(Resource resource, Map<String, Resource> byName, Set<String> visiting,
            Map<String, Resource> result, List<String> path) {
        if (result.containsKey(resource.name())) {
            return;
        }
        path.add(resource.name());
        if (!visiting.add(resource.name())) {
            throw InvalidConfigurationException.forResource(resource.name(),
                    "depends-on forms a cycle: " + String.join(" -> ", path));
        }
        for (String dependency : resource.dependsOn()) {
            visit(byName.get(dependency), byName, visiting, result, path);
        }
        visiting.remove(resource.name());
        path.remove(path.size() - 1);
        result.put(resource.name(), resource);
    }
}
