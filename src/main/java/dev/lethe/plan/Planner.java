package dev.lethe.plan;

import dev.lethe.ledger.PlannedTask;
import dev.lethe.core.DeletionRequest;
import dev.lethe.core.DeletionRequest.Mode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what a request erases: the resources for its subject type, narrowed by its scope, in dependency order;
 * or a rejection (unknown scope, unknown subject type, a subject under legal hold, a protected subject, or a hold or
 * protection check that cannot decide). A check that cannot decide for now (its database is down) throws: the caller
 * plans again later.
 */
public class Planner {

    private static final Logger log = LoggerFactory.getLogger(Planner.class);

    private final ResourceCatalog catalog;
    private final Predicate<String> supportsSoftDelete;
    private final ProtectionCheck protection;
    private final LegalHoldCheck legalHold;

    /**
     * @param supportsSoftDelete whether the named resource can mark rows deleted (SOFT mode)
     */
    public Planner(ResourceCatalog catalog, Predicate<String> supportsSoftDelete, ProtectionCheck protection,
            LegalHoldCheck legalHold) {
        this.catalog = catalog;
        this.supportsSoftDelete = supportsSoftDelete;
        this.protection = protection;
        this.legalHold = legalHold;
    }

    public PlanDecision plan(DeletionRequest request) {
        String subjectType = request.subject().type();
        if (catalog.all().stream().noneMatch(resource -> resource.appliesTo(subjectType))) {
            return new PlanDecision.Rejected(RejectionReason.UNKNOWN_SUBJECT_TYPE);
        }
        List<String> unknownScope = Stream.concat(request.include().stream(), request.exclude().stream())
                .filter(name -> !catalog.knowsNameOrCategory(name)).toList();
        if (!unknownScope.isEmpty()) {
            return new PlanDecision.Rejected(RejectionReason.UNKNOWN_SCOPE,
                    UnknownScopeDetail.of(unknownScope, request.subject()));
        }
        try {
            if (legalHold.isHeld(request.subject())) {
                return new PlanDecision.Rejected(RejectionReason.LEGAL_HOLD);
            }
        } catch (LegalHoldCheckFailedException e) {
            // Fails closed, logged for the same reason as a failed protection check.
            log.warn("request {}: {}", request.requestId(), e.safeMessage());
            return new PlanDecision.Rejected(RejectionReason.LEGAL_HOLD_CHECK_FAILED);
        }
        try {
            if (protection.isProtected(request.subject())) {
                return new PlanDecision.Rejected(RejectionReason.PROTECTED_SUBJECT);
            }
        } catch (ProtectionCheckFailedException e) {
            // Fails closed. The cause is logged because every request may be failing the same way (a broken query).
            log.warn("request {}: {}", request.requestId(), e.safeMessage());
            return new PlanDecision.Rejected(RejectionReason.PROTECTION_CHECK_FAILED);
        }
        return new PlanDecision.Accepted(tasksInScope(request));
    }

    private List<PlannedTask> tasksInScope(DeletionRequest request) {
        Set<String> include = Set.copyOf(request.include());
        Set<String> exclude = Set.copyOf(request.exclude());
        List<Resource> inScope = catalog.all().stream()
                .filter(resource -> resource.appliesTo(request.subject().type()))
                .filter(resource -> include.isEmpty() || resource.isSelectedBy(include))
                .filter(resource -> !resource.isSelectedBy(exclude))
                .toList();
        Set<String> names = new HashSet<>();
        inScope.forEach(resource -> names.add(resource.name()));
        List<PlannedTask> tasks = new ArrayList<>();
        for (Resource resource : inScope) {
            // A dependency left out of scope holds nothing back.
            List<String> dependsOn = resource.dependsOn().stream().filter(names::contains).toList();
            boolean skipped = request.mode() == Mode.SOFT && !supportsSoftDelete.test(resource.name());
            tasks.add(new PlannedTask(resource.name(), tasks.size(), dependsOn, skipped));
        }
        return tasks;
    }
}
