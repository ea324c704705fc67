package dev.lethe.plan;

import dev.lethe.ledger.PlannedTask;
import static dev.lethe.plan.Resources.resources;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.core.DeletionRequest;
import dev.lethe.core.DeletionRequest.Mode;
import dev.lethe.core.DeletionRequest.Subject;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.dao.TransientDataAccessResourceException;

class PlannerTests {

    private final ResourceCatalog catalog = resources()
            .jdbc("messages", "conversations")
            .jdbc("chats", "conversations").dependsOn("messages")
            .jdbc("posts", "content")
            .jdbc("sessions", "security")
            .jdbc("users", "account").dependsOn("chats", "posts", "sessions")
            .jdbc("devices").forSubjectType("device")
            .catalog();
    private final Set<String> softCapable = Set.of("messages", "chats", "posts", "users");
    private final Planner planner = new Planner(catalog, softCapable::contains, subject -> subject.id().equals("admin"),
            LegalHoldCheck.none());

    @Test
    void plansEveryResourceOfTheSubjectTypeDependenciesFirst() {
        PlanDecision decision = planner.plan(request("42", Mode.HARD, List.of(), List.of()));

        assertThat(accepted(decision).resourceNames()).containsExactly("messages", "chats", "posts", "sessions", "users");
        assertThat(accepted(decision).tasks().get(4).dependsOn()).containsExactly("chats", "posts", "sessions");
    }

    @Test
    void narrowsByIncludedCategoryAndExcludedName() {
        PlanDecision decision = planner.plan(request("42", Mode.HARD, List.of("conversations", "posts"), List.of("messages")));

        PlanDecision.Accepted plan = accepted(decision);
        assertThat(plan.resourceNames()).containsExactly("chats", "posts");
        assertThat(plan.tasks().get(0).dependsOn()).as("messages is out of scope: it holds nothing back").isEmpty();
    }

    @Test
    void skipsResourcesWithoutSoftDeleteInSoftMode() {
        PlanDecision decision = planner.plan(request("42", Mode.SOFT, List.of(), List.of()));

        assertThat(accepted(decision).tasks()).filteredOn(PlannedTask::skipped).extracting(PlannedTask::resource)
                .containsExactly("sessions");
    }

    @Test
    void rejectsUnknownScopeNamesNamingThem() {
        assertThat(planner.plan(request("42", Mode.HARD, List.of("posts", "nope"), List.of())))
                .isEqualTo(new PlanDecision.Rejected(RejectionReason.UNKNOWN_SCOPE, "unknown scope names: nope"));
        assertThat(planner.plan(request("42", Mode.HARD, List.of(), List.of("nope", "nada"))))
                .isEqualTo(new PlanDecision.Rejected(RejectionReason.UNKNOWN_SCOPE, "unknown scope names: nope, nada"));
    }

    @Test
    void rejectsProtectedSubjects() {
        assertThat(planner.plan(request("admin", Mode.HARD, List.of(), List.of())))
                .isEqualTo(new PlanDecision.Rejected(RejectionReason.PROTECTED_SUBJECT));
    }

    @Test
    void rejectsWhenTheProtectionCheckCannotDecide() {
        Planner failing = new Planner(catalog, softCapable::contains, subject -> {
            throw new ProtectionCheckFailedException("PSQLException SQLSTATE 22P02");
        }, LegalHoldCheck.none());

        assertThat(failing.plan(request("42", Mode.HARD, List.of(), List.of())))
                .isEqualTo(new PlanDecision.Rejected(RejectionReason.PROTECTION_CHECK_FAILED));
    }

    @Test
    void rejectsSubjectsUnderLegalHoldBeforeAskingTheProtectionCheck() {
        Planner holding = new Planner(catalog, softCapable::contains, subject -> {
            throw new AssertionError("the protection check must not be asked for a held subject");
        }, subject -> subject.id().equals("held"));

        assertThat(holding.plan(request("held", Mode.HARD, List.of(), List.of())))
                .isEqualTo(new PlanDecision.Rejected(RejectionReason.LEGAL_HOLD));
        assertThat(new Planner(catalog, softCapable::contains, subject -> false, subject -> subject.id().equals("held"))
                .plan(request("free", Mode.HARD, List.of(), List.of()))).isInstanceOf(PlanDecision.Accepted.class);
    }

    @Test
    void rejectsWhenTheLegalHoldCheckCannotDecide() {
        Planner failing = new Planner(catalog, softCapable::contains, subject -> false, subject -> {
            throw new LegalHoldCheckFailedException("PSQLException SQLSTATE 42601");
        });

        assertThat(failing.plan(request("42", Mode.HARD, List.of(), List.of())))
                .isEqualTo(new PlanDecision.Rejected(RejectionReason.LEGAL_HOLD_CHECK_FAILED));
    }

    @Test
    void letsATransientLegalHoldFailureThroughSoThePlanningRoundIsRetried() {
        var down = new TransientDataAccessResourceException("legal-hold check", new SQLException("refused", "08001"));
        Planner waiting = new Planner(catalog, softCapable::contains, subject -> false, subject -> {
            throw down;
        });

        assertThatThrownBy(() -> waiting.plan(request("42", Mode.HARD, List.of(), List.of()))).isSameAs(down);
    }

    @Test
    void letsATransientProtectionFailureThroughSoThePlanningRoundIsRetried() {
        var down = new TransientDataAccessResourceException("protection check", new SQLException("refused", "08001"));
        Planner waiting = new Planner(catalog, softCapable::contains, subject -> {
            throw down;
        }, LegalHoldCheck.none());

        assertThatThrownBy(() -> waiting.plan(request("42", Mode.HARD, List.of(), List.of()))).isSameAs(down);
    }

    @Test
    void checksScopeAndSubjectTypeBeforeAskingTheProtectionCheck() {
        Planner failing = new Planner(catalog, softCapable::contains, subject -> {
            throw new ProtectionCheckFailedException("PSQLException SQLSTATE 42601");
        }, LegalHoldCheck.none());

        assertThat(failing.plan(request("42", Mode.HARD, List.of("nope"), List.of())))
                .extracting(decision -> ((PlanDecision.Rejected) decision).reason()).isEqualTo(RejectionReason.UNKNOWN_SCOPE);
    }

    @Test
    void rejectsASubjectTypeNoResourceAppliesTo() {
        DeletionRequest robot = new DeletionRequest("r", new Subject("robot", "1", ""), Mode.HARD, List.of(), List.of(),
                false, null, null, null, null, false, null);

        assertThat(planner.plan(robot)).isEqualTo(new PlanDecision.Rejected(RejectionReason.UNKNOWN_SUBJECT_TYPE));
    }

    private static PlanDecision.Accepted accepted(PlanDecision decision) {
        assertThat(decision).isInstanceOf(PlanDecision.Accepted.class);
        return (PlanDecision.Accepted) decision;
    }

    private static DeletionRequest request(String id, Mode mode, List<String> include, List<String> exclude) {
        return new DeletionRequest("r", new Subject("user", id, ""), mode, include, exclude, false, null, null, null, null, false,
                null);
    }
}
