package dev.lethe.cleaners.s3;

import dev.lethe.cleaners.Cleaner;
import dev.lethe.cleaners.CleanerFactory;
import dev.lethe.cleaners.FailureClassifier;
import dev.lethe.cleaners.ResourceSettings;
import dev.lethe.plan.ResilienceSettings;
import dev.lethe.plan.Resource;

/** Makes {@code type: s3} cleaners: settings and prefix checked, one S3 client per resource. */
final class S3CleanerFactory implements CleanerFactory {

    private final S3Clients clients;
    private final ResilienceSettings defaults;

    S3CleanerFactory(S3Clients clients, ResilienceSettings defaults) {
        this.clients = clients;
        this.defaults = defaults;
    }

    @Override
    public String type() {
        return "s3";
    }

    @Override
    public Cleaner create(Resource resource, ResourceSettings bound) {
        S3Settings settings = bound.bind(resource.name(), S3Settings.class);
        S3Prefix prefix = S3Prefix.parse(settings.prefix(), ResourceSettings.name(resource.name(), "prefix"));
        ResilienceSettings resilience = resource.settings().resilience().orElse(defaults);
        return new S3Cleaner(resource.name(), clients.create(resource.name(), settings, resilience.callTimeout()),
                settings.bucket(), prefix, S3Cleaner.MAX_BATCH);
    }

    @Override
    public FailureClassifier failureClassifier() {
        return S3Failures.CLASSIFIER;
    }
}
