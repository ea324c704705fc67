package dev.lethe.cleaners.jdbc;

import dev.lethe.cleaners.Cleaner;
import dev.lethe.cleaners.CleanerFactory;
import dev.lethe.cleaners.FailureClassifier;
import dev.lethe.cleaners.ResourceSettings;

import dev.lethe.plan.ResilienceSettings;
import dev.lethe.plan.Resource;

/** Makes {@code type: jdbc} cleaners. */
final class JdbcCleanerFactory implements CleanerFactory {

    private final TargetDataSources dataSources;
    private final ResilienceSettings defaults;

    JdbcCleanerFactory(TargetDataSources dataSources, ResilienceSettings defaults) {
        this.dataSources = dataSources;
        this.defaults = defaults;
    }

    @Override
    public String type() {
        return "jdbc";
    }

    @Override
    public Cleaner create(Resource resource, ResourceSettings bound) {
        JdbcSettings settings = bound.bind(resource.name(), JdbcSettings.class);
        JdbcTable table = JdbcTable.checked(resource.name(), settings.table(), settings.subjectColumn(),
                settings.softDeleteColumn(), settings.tenantColumn());
        return new JdbcCleaner(dataSources.get(settings.datasource(), ResourceSettings.name(resource.name(), "datasource")),
                table, resource.settings().resilience().orElse(defaults).callTimeout());
    }

    @Override
    public FailureClassifier failureClassifier() {
        return JdbcFailures.CLASSIFIER;
    }
}
