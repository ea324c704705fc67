package dev.lethe.ledger;

import java.util.List;

/**
 * Whether a request has ended, from its tasks: it has when no task runs and no pending task is ready. A pending
 * task that is not ready waits on a dependency that did not complete; with nothing running or ready, every such
 * chain ends at a failed task, so what is left can never run.
 *
 * @param ended no task can make progress any more
 * @param failed resources whose tasks failed, in plan order
 * @param notRun pending resources held back by a failed dependency, in plan order
 */
public record RequestProgress(boolean ended, List<String> failed, List<String> notRun) {

    public static RequestProgress of(List<LedgerTask> tasks) {
        boolean active = tasks.stream().anyMatch(task -> task.status() == TaskStatus.RUNNING
                || (task.status() == TaskStatus.PENDING && task.waitingOn() == 0));
        List<String> failed = tasks.stream().filter(t -> t.status() == TaskStatus.FAILED).map(LedgerTask::resource).toList();
        List<String> notRun = tasks.stream().filter(t -> t.status() == TaskStatus.PENDING).map(LedgerTask::resource).toList();
        return new RequestProgress(!active, failed, active ? List.of() : notRun);
    }

    public boolean succeeded() {
        return ended && failed.isEmpty();
    }
}
