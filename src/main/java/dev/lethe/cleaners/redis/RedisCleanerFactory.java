package dev.lethe.cleaners.redis;

import dev.lethe.cleaners.Cleaner;
import dev.lethe.cleaners.CleanerFactory;
import dev.lethe.cleaners.FailureClassifier;
import dev.lethe.cleaners.ResourceSettings;
import dev.lethe.core.InvalidConfigurationException;
import dev.lethe.plan.ResilienceSettings;
import dev.lethe.plan.Resource;

/** Makes {@code type: redis} cleaners. */
final class RedisCleanerFactory implements CleanerFactory {

    private final RedisTargets targets;
    private final ResilienceSettings defaults;

    RedisCleanerFactory(RedisTargets targets, ResilienceSettings defaults) {
        this.targets = targets;
        this.defaults = defaults;
    }

    @Override
    public String type() {
        return "redis";
    }

    @Override
    public Cleaner create(Resource resource, ResourceSettings bound) {
        String name = resource.name();
        RedisSettings settings = bound.bind(name, RedisSettings.class);
        RedisTarget target = targets.get(settings.redis(), ResourceSettings.name(name, "redis"));
        if (settings.keys().isEmpty() && settings.hashFields().isEmpty() && settings.setMembers().isEmpty()) {
            throw new InvalidConfigurationException(ResourceSettings.name(name, "keys")
                    + " is missing: set keys, hash-fields or set-members");
        }
        return new RedisCleaner(name, target,
                RedisTemplates.keys(name, settings.keys()),
                RedisTemplates.entries(name, "hash-fields", "field",
                        settings.hashFields().stream().map(f -> new String[] {f.key(), f.field()}).toList()),
                RedisTemplates.entries(name, "set-members", "member",
                        settings.setMembers().stream().map(m -> new String[] {m.key(), m.member()}).toList()),
                settings.scanCount(),
                resource.settings().resilience().orElse(defaults).callTimeout());
    }

    @Override
    public FailureClassifier failureClassifier() {
        return RedisFailures.CLASSIFIER;
    }
}
