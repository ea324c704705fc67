package dev.lethe.core;

/** The {@code outcome} of a TASK_COMPLETED event. Audit consumers must accept outcomes added later. */
public enum TaskOutcome {
    DELETED, SOFT_DELETED, NOTHING_FOUND, SKIPPED, DRY_RUN,
    /** The subject's rows were kept and their personal columns overwritten ({@code mask}). */
    MASKED;

    /**
     * @param erased what the resource did to the items it found: {@link #DELETED}, {@link #MASKED} or
     *     {@link #SOFT_DELETED}
     */
    public static TaskOutcome of(boolean dryRun, long items, TaskOutcome erased) {
        if (dryRun) {
            return DRY_RUN;
        }
        return items == 0 ? NOTHING_FOUND : erased;
    }
}
