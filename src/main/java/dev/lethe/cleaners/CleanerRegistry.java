package dev.lethe.cleaners;

import dev.lethe.plan.Resource;
import dev.lethe.plan.ResourceCatalog;
import dev.lethe.core.InvalidConfigurationException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The cleaner of every configured resource, made (and so checked) at start-up by the factory of its type, and the
 * failure classifier of that type.
 */
public final class CleanerRegistry {

    private final Map<String, Cleaner> byResource = new HashMap<>();
    private final Map<String, FailureClassifier> classifiers = new HashMap<>();

    public CleanerRegistry(ResourceCatalog catalog, List<CleanerFactory> factories, ResourceSettings settings) {
        Map<String, CleanerFactory> byType = factories.stream()
                .collect(Collectors.toMap(CleanerFactory::type, Function.identity()));
        for (Resource resource : catalog.all()) {
            CleanerFactory factory = byType.get(resource.type());
            if (factory == null) {
                throw InvalidConfigurationException.forResource(resource.name(), "unknown type '" + resource.type()
                        + "' (known: " + String.join(", ", new TreeSet<>(byType.keySet())) + ")");
            }
            // Every type's subject-value is checked here, also for a type that has no use for it.
            SubjectTemplate.of(resource);
            byResource.put(resource.name(), factory.create(resource, settings));
            classifiers.put(resource.name(), factory.failureClassifier());
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

    /** The failure classifier of the resource's type; the network failures for a resource no longer configured. */
    public FailureClassifier classifierOf(String resource) {
        return classifiers.getOrDefault(resource, FailureClassifier.NETWORK);
    }

    public boolean supportsSoftDelete(String resource) {
        return forResource(resource).supportsSoftDelete();
    }
}
