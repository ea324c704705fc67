package dev.lethe.tasks;

import dev.lethe.cleaners.CleanCommand;
import dev.lethe.intake.DeletionRequest.Mode;

/** The {@code outcome} of a TASK_COMPLETED event. */
public enum TaskOutcome {
    DELETED, SOFT_DELETED, NOTHING_FOUND, SKIPPED, DRY_RUN;

    static TaskOutcome of(CleanCommand command, long items) {
        if (command.dryRun()) {
            return DRY_RUN;
        }
        if (items == 0) {
            return NOTHING_FOUND;
        }
        return command.mode() == Mode.SOFT ? SOFT_DELETED : DELETED;
    }
}
