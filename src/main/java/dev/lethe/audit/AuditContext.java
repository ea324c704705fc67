package dev.lethe.audit;

/**
 * What every event of one run of a request shares.
 *
 * @param run 1, or the number of the run after replays
 * @param batchId the request's batchId, null when it names none (the events then leave the field out)
 */
public record AuditContext(String requestId, String subjectRef, int run, boolean dryRun, String batchId) {
}
