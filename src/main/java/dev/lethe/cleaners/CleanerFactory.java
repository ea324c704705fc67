package dev.lethe.cleaners;

import dev.lethe.plan.Resource;

/**
 * Makes the cleaner for each resource of one {@code type}. A resource type is one package with its settings record,
 * its cleaner, its failure classifier and a configuration that registers its factory as a bean: adding one edits
 * nothing else.
 */
public interface CleanerFactory {

    /** The value of {@code lethe.resources.<name>.type} this factory serves. */
    String type();

    /**
     * Binds and checks the resource's own settings ({@code settings.bind(resource.name(), MySettings.class)}) and
     * makes its cleaner. Called once per resource at start-up.
     *
     * @throws dev.lethe.core.InvalidConfigurationException naming {@code lethe.resources.<name>.<setting>}
     */
    Cleaner create(Resource resource, ResourceSettings settings);

    /** Which of this type's failures are transient; the call protection and the retry budget ask it. */
    default FailureClassifier failureClassifier() {
        return FailureClassifier.NETWORK;
    }
}
