package dev.lethe.tasks;

import dev.lethe.ledger.ClaimedTask;
import dev.lethe.ledger.TaskKey;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tasks this worker holds: handed to its runner and not yet recorded. Only these have their leases renewed. A
 * claim nothing will act on (a task left to its lease, a claim whose commit was never confirmed) is not here, so its
 * lease expires and any worker takes it over, even while this worker lives.
 */
class HeldTasks {

    private final Set<TaskKey> held = ConcurrentHashMap.newKeySet();

    void hold(Collection<ClaimedTask> tasks) {
        tasks.forEach(task -> held.add(keyOf(task)));
    }

    void letGo(Collection<ClaimedTask> tasks) {
        tasks.forEach(task -> held.remove(keyOf(task)));
    }

    List<TaskKey> snapshot() {
        return List.copyOf(held);
    }

    private static TaskKey keyOf(ClaimedTask task) {
        return new TaskKey(task.requestId(), task.resource());
    }
}
