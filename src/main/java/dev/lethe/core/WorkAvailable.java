package dev.lethe.core;

/**
 * Published in-process after a commit that gave a stage new work, so its loop starts at once instead of at its
 * next poll. Work committed by other worker processes is found by polling.
 */
public record WorkAvailable(Stage stage) {

    public enum Stage { PLANNING, TASKS, OUTBOX }

    public static final WorkAvailable PLANNING = new WorkAvailable(Stage.PLANNING);
    public static final WorkAvailable TASKS = new WorkAvailable(Stage.TASKS);
    public static final WorkAvailable OUTBOX = new WorkAvailable(Stage.OUTBOX);
}
