package dev.lethe.cleaners.memory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/** An in-memory store of items per collection and subject id; it can be made to fail like a backend that is down. */
public class MemoryStore {

    private final Map<String, Map<String, Integer>> collections = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Integer>> marked = new ConcurrentHashMap<>();
    private final AtomicBoolean down = new AtomicBoolean();

    public void put(String collection, String subjectId, int items) {
        collections.computeIfAbsent(collection, c -> new ConcurrentHashMap<>()).put(subjectId, items);
    }

    public int items(String collection, String subjectId) {
        return collections.getOrDefault(collection, Map.of()).getOrDefault(subjectId, 0);
    }

    public int marked(String collection, String subjectId) {
        return marked.getOrDefault(collection, Map.of()).getOrDefault(subjectId, 0);
    }

    public void goDown() {
        down.set(true);
    }

    public void comeBack() {
        down.set(false);
    }

    int count(String collection, String subjectId) {
        checkUp();
        return items(collection, subjectId);
    }

    int remove(String collection, String subjectId) {
        checkUp();
        Integer removed = collections.getOrDefault(collection, new ConcurrentHashMap<>()).remove(subjectId);
        return removed == null ? 0 : removed;
    }

    int mark(String collection, String subjectId) {
        int items = remove(collection, subjectId);
        marked.computeIfAbsent(collection, c -> new ConcurrentHashMap<>()).merge(subjectId, items, Integer::sum);
        return items;
    }

    private void checkUp() {
        if (down.get()) {
            throw new MemoryStoreDown();
        }
    }

    /** The store is unreachable: transient, as the type's classifier says. */
    static final class MemoryStoreDown extends RuntimeException {
        MemoryStoreDown() {
            super("memory store is down", null, false, false);
        }
    }
}
