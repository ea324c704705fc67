package dev.lethe.cleaners;

import dev.lethe.core.DeletionRequest.Mode;
import dev.lethe.core.DeletionRequest.Subject;

/**
 * What a cleaner is asked to do.
 *
 * @param subject whose data
 * @param mode HARD removes, SOFT marks deleted
 * @param dryRun count only, change nothing
 */
public record CleanCommand(Subject subject, Mode mode, boolean dryRun) {

    /** The same command as a dry run: it counts what this one would affect, or, after it ran, what it left. */
    public CleanCommand counting() {
        return new CleanCommand(subject, mode, true);
    }
}
