package dev.lethe.cleaners;

import dev.lethe.core.InvalidConfigurationException;
import dev.lethe.plan.Resource;
import dev.lethe.plan.ResourceCatalog;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The cleaner of every configured resource, made (and so checked) at start-up. */
public final class CleanerRegistry {

    private final Map<String, Cleaner> byResource = new HashMap<>();

    public CleanerRegistry(ResourceCatalog catalog, List<CleanerFactory> factories) {
        Map<String, CleanerFactory> byType = factories.stream()
                .collect(Collectors.toMap(CleanerFactory::type, Function.identity()));
        for (Resource resource : catalog.all()) {
            CleanerFactory factory = byType.get(resource.type());
            if (factory == null) {
                throw InvalidConfigurationException.forResource(resource.name(), "unknown type '" + resource.type()
                        + "' (known: " + String.join(", ", new TreeSet<>(byType.keySet())) + ")");
            }
            byResource.put(resource.name(), factory.create(resource));
        }
    }

    /** Whether a resource of this name is configured now (tasks planned before a configuration change may name others). */
    public boolean isConfigured(String resource) {
        return byResource.containsKey(resource);
    }

    public Cleaner forResource(String resource) {
        Cleaner cleaner = byResource.get(resource);
        if (cleaner == null) {
            throw new IllegalStateException("no resource named " + resource + " is configured");
        }
        return cleaner;
    }

    public boolean supportsSoftDelete(String resource) {
        return forResource(resource).supportsSoftDelete();
    }
}
