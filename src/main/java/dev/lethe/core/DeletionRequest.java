package dev.lethe.core;

import java.time.Instant;
import java.util.List;

/**
 * A validated deletion request, as the contract's DeletionRequest table defines it, with defaults applied.
 *
 * @param requestId the sender's idempotency key
 * @param subject whose data is erased
 * @param mode HARD or SOFT
 * @param include resource names or categories to erase; empty means all
 * @param exclude resource names or categories to leave alone
 * @param dryRun plan and count only
 * @param reason why the sender asks, if given
 * @param requestedBy the sending service, if given
 * @param batchId the bulk job this request belongs to, if given
 * @param executeAfter nothing runs before this time, if given (otherwise {@code lethe.compliance.grace-period} applies)
 * @param cancel true for a cancel record: it cancels the request with this id and subject, if none of its tasks started
 * @param requestedAt when the sender asked, if given: the deadline counts from it
 */
public record DeletionRequest(
        String requestId,
        Subject subject,
        Mode mode,
        List<String> include,
        List<String> exclude,
        boolean dryRun,
        String reason,
        String requestedBy,
        String batchId,
        Instant executeAfter,
        boolean cancel,
        Instant requestedAt) {

    public DeletionRequest {
        include = List.copyOf(include);
        exclude = List.copyOf(exclude);
    }

    /** The subject of a request. {@code tenant} is the empty string when the request names none. */
    public record Subject(String type, String id, String tenant) {

        public boolean hasTenant() {
            return !tenant.isEmpty();
        }

        /** Never the id: subjects must not reach logs through a careless toString. */
        @Override
        public String toString() {
            return "Subject[type=" + type + "]";
        }
    }

    public enum Mode { HARD, SOFT }
}
