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

    /**
     * The rule of {@link #isActive} in SQL, for the task row whose alias is the format argument: how
     * {@link TaskLedger#endedAmong} finds the requests that ended without reading their tasks. Change the two together.
     */
    static final String ACTIVE_TASK_SQL = "(%%1$s.status = %s or (%%1$s.status = %s and %%1$s.waiting_on = 0))"
            .formatted(StatusSql.literal(TaskStatus.RUNNING), StatusSql.literal(TaskStatus.PENDING));

    public static RequestProgress of(List<LedgerTask> tasks) {
        boolean active = tasks.stream().anyMatch(RequestProgress::isActive);
        List<String> failed = tasks.stream().filter(t -> t.status() == TaskStatus.FAILED).map(LedgerTask::resource).toList();
        List<String> notRun = tasks.stream().filter(t -> t.status() == TaskStatus.PENDING).map(LedgerTask::resource).toList();
        return new RequestProgress(!active, failed, active ? List.of() : notRun);
    }

    /** A task that runs, or is pending and ready: while one exists, the request goes on. */
    static boolean isActive(LedgerTask task) {
        return task.status() == TaskStatus.RUNNING || (task.status() == TaskStatus.PENDING && task.waitingOn() == 0);
    }

    public boolean succeeded() {
        return ended && failed.isEmpty();
    }
}
