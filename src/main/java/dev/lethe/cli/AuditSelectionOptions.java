package dev.lethe.cli;

import dev.lethe.audit.SubjectRef;
import dev.lethe.core.DeletionRequest.Subject;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Option;

/**
 * Which requests or events {@code lethe audit} and its subcommands look at: by request, batch or subject. A subject is
 * found by its subjectRef, computed here with {@code lethe.audit.subject-key}; the id is never printed or kept.
 */
final class AuditSelectionOptions {


    @Option(names = "--request-id", split = ",", description = "Only these requests")
    Set<String> requestIds = Set.of();

    @Option(names = "--batch", description = "Only events carrying this batchId (repeatable)")
    Set<String> batchIds = Set.of();

    @Option(names = "--subject-id", description = "Only this subject's events (repeatable; matched by subjectRef)")
    List<String> subjectIds = List.of();

    @Option(names = "--tenant", description = "The subject's tenant (with --subject-id)")
    String tenant;

    @Option(names = {"--type", "--subject-type"}, description = "The subject's type (with --subject-id; default: user)")
    String subjectType;

    /** @param types event types to keep, or empty for all */
    AuditEventFilter filter(WorkerSettings settings, Set<String> types) {
        return new AuditEventFilter(requestIds, batchIds, subjectRefs(settings), types);
    }

    boolean selectsEverything() {
        return requestIds.isEmpty() && batchIds.isEmpty() && subjectIds.isEmpty();
    }

    /** The refs of the subjects asked for: the ids are used here and nowhere else (never printed, never kept). */
    private Set<String> subjectRefs(WorkerSettings settings) {
        if (subjectIds.isEmpty()) {
            if (tenant != null || subjectType != null) {
                throw new IllegalArgumentException("--tenant and --type apply to --subject-id, which is missing");
            }
            return Set.of();
        }
        String type = ConfiguredCommand.either(subjectType, "user");
        String tenant = this.tenant == null ? "" : this.tenant;
        if (containsControlCharacter(type) || containsControlCharacter(tenant) || subjectIds.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("--subject-id must not be empty, --type and --tenant hold no control characters");
        }
        SubjectRef refs = settings.subjectRefs();
        return subjectIds.stream().map(id -> refs.of(new Subject(type, id, tenant))).collect(Collectors.toSet());
    }

    private static boolean containsControlCharacter(String value) {
        return value.chars().anyMatch(c -> c < 0x20);
    }
}
