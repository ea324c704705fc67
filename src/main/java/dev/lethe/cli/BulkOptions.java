package dev.lethe.cli;

import dev.lethe.core.DeletionRequest.Mode;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * What every request of a bulk asks for, beside its subject.
 *
 * @param mode HARD or SOFT
 * @param dryRun count only
 * @param include resources or categories to erase; empty: all
 * @param exclude resources or categories to leave alone
 * @param reason carried for the record, or null
 */
record BulkOptions(Mode mode, boolean dryRun, List<String> include, List<String> exclude, String reason) {

    BulkOptions {
        include = include.stream().sorted().toList();
        exclude = exclude.stream().sorted().toList();
    }

    /**
     * What the request ids derive from beside the subject: what the worker compares when a failed id comes again
     * (mode, dry run, scope), so the same subject asked for something else gets a new id instead of a
     * {@code REQUEST_ID_CONFLICT}. The reason changes nothing that is erased, so it is left out.
     */
    String fingerprint() {
        return "mode=" + mode + "\ndryRun=" + dryRun + "\ninclude=" + String.join(",", include)
                + "\nexclude=" + String.join(",", exclude);
    }

    void writeTo(ObjectNode request) {
        request.put("mode", mode.name()).put("dryRun", dryRun);
        if (!include.isEmpty() || !exclude.isEmpty()) {
            ObjectNode scope = request.putObject("scope");
            if (!include.isEmpty()) {
                include.forEach(scope.putArray("include")::add);
            }
            if (!exclude.isEmpty()) {
                exclude.forEach(scope.putArray("exclude")::add);
            }
        }
        if (reason != null) {
            request.put("reason", reason);
        }
    }

    String describe() {
        return "mode " + mode + (dryRun ? ", dry run" : "")
                + (include.isEmpty() ? ", all resources" : ", only " + String.join(",", include))
                + (exclude.isEmpty() ? "" : ", except " + String.join(",", exclude));
    }
}
