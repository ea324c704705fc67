package dev.lethe.ledger;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether a request has ended, from its tasks: it has when nothing runs and nothing pending can still run
 * (every pending task waits, directly or through others, on a failed one).
 *
 * @param ended no task can make progress any more
 * @param failed resources whose tasks failed, in plan order
 * @param notRun pending resources held back by a failed dependency, in plan order
 */
public record RequestProgress(boolean ended, List<String> failed, List<String> notRun) {

    public static RequestProgress of(List<LedgerTask> tasks, Map<String, Set<String>> dependencies) {
        Map<String, TaskStatus> status = new HashMap<>();
        tasks.forEach(task -> status.put(task.resource(), task.status()));
        Map<String, Boolean> blocked = new HashMap<>();
        boolean ended = true;
        for (LedgerTask task : tasks) {
            boolean active = task.status() == TaskStatus.RUNNING
                    || (task.status() == TaskStatus.PENDING && !isBlocked(task.resource(), status, dependencies, blocked));
            ended &= !active;
        }
        List<String> failed = tasks.stream().filter(t -> t.status() == TaskStatus.FAILED).map(LedgerTask::resource).toList();
        List<String> notRun = tasks.stream().filter(t -> t.status() == TaskStatus.PENDING).map(LedgerTask::resource).toList();
        return new RequestProgress(ended, failed, ended ? notRun : List.of());
    }

    public boolean succeeded() {
        return ended && failed.isEmpty();
    }

    private static boolean isBlocked(String resource, Map<String, TaskStatus> status,
            Map<String, Set<String>> dependencies, Map<String, Boolean> memo) {
        Boolean known = memo.get(resource);
        if (known != null) {
            return known;
        }
        boolean blocked = false;
        for (String dependency : dependencies.getOrDefault(resource, Set.of())) {
            TaskStatus dependencyStatus = status.get(dependency);
            if (dependencyStatus == TaskStatus.FAILED
                    || (dependencyStatus == TaskStatus.PENDING && isBlocked(dependency, status, dependencies, memo))) {
                blocked = true;
                break;
            }
        }
        memo.put(resource, blocked);
        return blocked;
    }
}
