package dev.lethe.cleaners.memory;

import dev.lethe.cleaners.CleanCommand;
import dev.lethe.cleaners.Cleaner;
import dev.lethe.core.DeletionRequest.Mode;

/** Erases a subject's items from one collection of the {@link MemoryStore}. */
final class MemoryCleaner implements Cleaner {

    private final MemoryStore store;
    private final MemorySettings settings;

    MemoryCleaner(MemoryStore store, MemorySettings settings) {
        this.store = store;
        this.settings = settings;
    }

    @Override
    public long clean(CleanCommand command) {
        String id = command.subject().id();
        if (command.dryRun()) {
            return store.count(settings.collection(), id);
        }
        return command.mode() == Mode.SOFT ? store.mark(settings.collection(), id) : store.remove(settings.collection(), id);
    }

    @Override
    public boolean supportsSoftDelete() {
        return settings.softDeleteSupported();
    }
}
