package dev.lethe.cleaners;

import dev.lethe.plan.Resource;

/** Makes the cleaner for each resource of one {@code type}. Register one as a bean to add a resource type. */
public interface CleanerFactory {

    /** The value of {@code lethe.resources.<name>.type} this factory serves. */
    String type();

    /**
     * Checks the resource's settings and makes its cleaner.
     *
     * @throws dev.lethe.plan.InvalidConfigurationException naming the resource and the setting that is wrong
     */
    Cleaner create(Resource resource);
}
