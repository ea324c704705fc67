package dev.lethe.cleaners;

import dev.lethe.plan.ResilienceSettings;
import dev.lethe.plan.Resource;
import dev.lethe.plan.ResourceProperties;

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
    public Cleaner create(Resource resource) {
        ResourceProperties settings = resource.settings();
        JdbcTable table = JdbcTable.checked(resource.name(), settings.table(), settings.subjectColumn(),
                settings.softDeleteColumn(), settings.tenantColumn());
        String setting = "lethe.resources." + resource.name() + ".datasource";
        return new JdbcCleaner(dataSources.get(settings.datasource(), setting), table,
                settings.resilience().orElse(defaults).callTimeout());
    }
}
