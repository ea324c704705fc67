package dev.lethe.intake;

import dev.lethe.core.DeletionRequest;
import java.util.List;
import java.util.TreeSet;

/**
 * What a request asks for beyond its subject, as one string: mode, dry run and scope (names sorted). Two records
 * with one requestId are the same request only when their subjectRef and plan key are equal.
 */
final class PlanKey {

    private PlanKey() {
    }

    static String of(DeletionRequest request) {
        return request.mode() + "|dryRun=" + request.dryRun() + "|include=" + sorted(request.include())
                + "|exclude=" + sorted(request.exclude());
    }

    private static String sorted(List<String> names) {
        return String.join(",", new TreeSet<>(names));
    }
}
