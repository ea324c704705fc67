package dev.lethe.cli;

import java.util.List;

/** Subjects of a bulk that the worker would refuse: nothing is sent (exit 2). */
final class InvalidSubjectsException extends IllegalArgumentException {

    private final List<String> problems;

    InvalidSubjectsException(List<String> problems) {
        super(problems.size() + " invalid subject" + (problems.size() == 1 ? "" : "s") + " (listed above); nothing was sent");
        this.problems = List.copyOf(problems);
    }

    /** One line each: a place ({@code line 7}, {@code row 3}) and what is wrong there, never a value. */
    List<String> problems() {
        return problems;
    }
}
