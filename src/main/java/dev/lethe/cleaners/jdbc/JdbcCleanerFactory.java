package dev.lethe.cleaners.jdbc;

import dev.lethe.cleaners.Cleaner;
import dev.lethe.cleaners.CleanerFactory;
import dev.lethe.cleaners.FailureClassifier;
import dev.lethe.cleaners.ResourceSettings;
import dev.lethe.cleaners.SubjectTemplate;
import dev.lethe.core.InvalidConfigurationException;
import dev.lethe.plan.ResilienceSettings;
import dev.lethe.plan.Resource;

/**
 * Makes {@code type: jdbc} cleaners, and checks each against its database at start ({@link StartupChecks}): a table,
 * column, {@code where} or {@code mask} that does not fit stops start-up naming the setting.
 */
final class JdbcCleanerFactory implements CleanerFactory {

    private final TargetDataSources dataSources;
    private final StartupChecks startupChecks;
    private final ResilienceSettings defaults;
    private final HmacPads pads;

    JdbcCleanerFactory(TargetDataSources dataSources, StartupChecks startupChecks, ResilienceSettings defaults,
            HmacPads pads) {
        this.dataSources = dataSources;
        this.startupChecks = startupChecks;
        this.defaults = defaults;
        this.pads = pads;
    }

    @Override
    public String type() {
        return "jdbc";
    }

    @Override
    public Cleaner create(Resource resource, ResourceSettings bound) {
        JdbcSettings settings = bound.bind(resource.name(), JdbcSettings.class);
        JdbcTable table = JdbcTable.checked(resource.name(), settings);
        SubjectTemplate subjectValue = SubjectTemplate.of(resource);
        String template = subjectValue.toString();
        if (!template.contains("{id}") && !template.contains("{sha256}")) {
            throw new InvalidConfigurationException(ResourceSettings.name(resource.name(), "subject-value")
                    + " must name the subject with {id} or {sha256}: with only {tenant} or {type}, one subject's"
                    + " request would erase the rows of every subject like it");
        }
        table.mask().forEach((column, rule) -> {
            if (rule.kind() == MaskRule.Kind.HASH && !pads.isSet()) {
                throw new InvalidConfigurationException(table.setting("mask." + column)
                        + ": hash needs lethe.audit.subject-key");
            }
        });
        String datasourceSetting = ResourceSettings.name(resource.name(), "datasource");
        JdbcCleaner cleaner = new JdbcCleaner(dataSources.get(settings.datasource(), datasourceSetting), table,
                subjectValue, pads, resource.settings().resilience().orElse(defaults).callTimeout());
        startupChecks.check(settings.datasource(), datasourceSetting, cleaner::resolved);
        return cleaner;
    }

    @Override
    public FailureClassifier failureClassifier() {
        return JdbcFailures.CLASSIFIER;
    }
}
