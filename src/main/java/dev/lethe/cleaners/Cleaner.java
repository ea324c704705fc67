package dev.lethe.cleaners;

import dev.lethe.core.TaskOutcome;
import java.util.ArrayList;
import java.util.List;

/**
 * Erases one subject's data from one resource. Implementations are called again after a crash or a transient
 * error, so a call must be safe to repeat (deleting what is already gone affects nothing).
 */
public interface Cleaner {

    /**
     * Erases (or, for a dry run, counts) the subject's items.
     *
     * @return rows, keys, objects or files affected, or that would be
     * @throws Exception any failure; its type's {@link FailureClassifier} decides whether a retry can help
     */
    long clean(CleanCommand command) throws Exception;

    /**
     * Erases for several subjects at once, as the same result as calling {@link #clean} for each in turn: the
     * items of each command, in order. Types that can do it in one round trip override this.
     */
    default List<Long> cleanAll(List<CleanCommand> commands) throws Exception {
        List<Long> items = new ArrayList<>(commands.size());
        for (CleanCommand command : commands) {
            items.add(clean(command));
        }
        return items;
    }

    /** What HARD mode does to the items it finds: {@link TaskOutcome#DELETED}, or {@link TaskOutcome#MASKED}. */
    default TaskOutcome hardOutcome() {
        return TaskOutcome.DELETED;
    }

    /**
     * Whether {@link #cleanAll} works for all its commands in one round trip that happens as a whole or not at all (one
     * SQL statement, say). Only then are several tasks handed to it together. With one call per subject, a failure
     * halfway would leave the earlier subjects erased, and running them again would report {@code NOTHING_FOUND} for
     * items that were in fact erased: the audit would undercount.
     */
    default boolean cleansInOneCall() {
        return false;
    }

    /**
     * Whether a dry run of a command counts exactly what a HARD or SOFT run of it leaves of the subject's items, so that
     * the worker can verify an erasure by counting again afterwards ({@code verifiedRemaining}). False where a store
     * cannot say (an HTTP peer, a tombstone, masked rows that still match the subject).
     */
    default boolean countsWhatRemains() {
        return false;
    }

    /** Whether SOFT mode can mark items deleted here; when not, SOFT requests skip this resource. */
    boolean supportsSoftDelete();

    /**
     * A cleaner whose natural call serves many subjects in one round trip that happens as a whole (one statement, one
     * pipeline, one flush): one subject is a list of one, and the task runner may hand it several tasks at once.
     */
    interface Batched extends Cleaner {

        @Override
        default long clean(CleanCommand command) throws Exception {
            return cleanAll(List.of(command)).get(0);
        }

        @Override
        default boolean cleansInOneCall() {
            return true;
        }
    }
}
