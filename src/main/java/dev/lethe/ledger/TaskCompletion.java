package dev.lethe.ledger;

/**
 * A task result to record as COMPLETED.
 *
 * @param run the run the task was claimed in; a result from an older run is not recorded
 * @param attempts the task's cleaner calls in this run, this one's included
 */
public record TaskCompletion(String requestId, String resource, int run, String outcome, long items, int attempts) {
}
