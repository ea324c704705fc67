package dev.lethe.cli;

import java.util.List;

/**
 * The subjects an input gave, and what was wrong with the rest.
 *
 * @param subjects the subjects read, in input order
 * @param problems one line each: a place and what is wrong there, never a value
 */
record BulkInput(List<BulkSubject> subjects, List<String> problems) {

    BulkInput {
        subjects = List.copyOf(subjects);
        problems = List.copyOf(problems);
    }
}
