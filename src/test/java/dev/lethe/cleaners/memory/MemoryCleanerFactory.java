package dev.lethe.cleaners.memory;

import dev.lethe.cleaners.Cleaner;
import dev.lethe.cleaners.CleanerFactory;
import dev.lethe.cleaners.FailureClassifier;
import dev.lethe.cleaners.ResourceSettings;
import dev.lethe.plan.Resource;

/** Makes {@code type: memory} cleaners; its own classifier says a store that is down is transient. */
final class MemoryCleanerFactory implements CleanerFactory {

    private final MemoryStore store;

    MemoryCleanerFactory(MemoryStore store) {
        this.store = store;
    }

    @Override
    public String type() {
        return "memory";
    }

    @Override
    public Cleaner create(Resource resource, ResourceSettings settings) {
        return new MemoryCleaner(store, settings.bind(resource.name(), MemorySettings.class));
    }

    @Override
    public FailureClassifier failureClassifier() {
        return ((FailureClassifier) error -> error instanceof MemoryStore.MemoryStoreDown).orNetwork();
    }
}
