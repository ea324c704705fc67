package dev.lethe.cleaners;

/**
 * Erases one subject's data from one resource. Implementations are called again after a crash or a transient
 * error, so a call must be safe to repeat (deleting what is already gone affects nothing).
 */
public interface Cleaner {

    /**
     * Erases (or, for a dry run, counts) the subject's items.
     *
     * @return rows, keys, objects or files affected, or that would be
     * @throws Exception any failure; {@link FailureKinds} decides whether a retry can help
     */
    long clean(CleanCommand command) throws Exception;

    /** Whether SOFT mode can mark items deleted here; when not, SOFT requests skip this resource. */
    boolean supportsSoftDelete();
}
