package dev.lethe.ledger;

import static dev.lethe.testsupport.DeletionRequests.aDeletionRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lethe.audit.SubjectRef;
import dev.lethe.core.DeletionRequest.Subject;
import dev.lethe.testsupport.AppDatabase;
import dev.lethe.testsupport.AuditLog;
import dev.lethe.testsupport.DeletionRequests;
import dev.lethe.testsupport.LetheIntegrationTest;
import dev.lethe.testsupport.RequestSender;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A cancel and a claim of one of the request's tasks racing on two workers: the ledger's row locks let exactly one of
 * them win. Each side is played here on a connection of its own, at the moment that matters.
 */
@LetheIntegrationTest
class RequestCancellationIntegrationTests {

    private static final Duration GRACE = Duration.ofHours(1);

    @Autowired
    RequestSender requests;
    @Autowired
    AuditLog audit;
    @Autowired
    AppDatabase app;
    @Autowired
    RequestCancellation cancellation;
    @Autowired
    TaskLedger tasks;
    @Autowired
    JdbcClient ledger;
    @Autowired
    DataSource ledgerDataSource;
    @Autowired
    SubjectRef subjectRefs;

    @Test
    void aCancelFindingATaskLockedByAClaimInProgressIsTooLateAndWaitsForNothing() throws Exception {
        long user = app.newUser();
        DeletionRequests request = plannedInGracePeriod(user);

        try (Connection claim = ledgerDataSource.getConnection()) {
            claim.setAutoCommit(false);
            try (PreparedStatement lock = claim.prepareStatement(
                    "select resource from deletion_task where request_id = ? order by position limit 1 for update")) {
                lock.setString(1, request.requestId());
                lock.executeQuery().close();
            }
            assertThat(cancellation.cancel(request.requestId(), subjectRefOf(user), Instant.now()))
                    .isEqualTo(RequestCancellation.Result.TOO_LATE);
            claim.rollback();
        }

        assertThat(requestStatus(request)).isEqualTo("RUNNING");
        assertThat(taskStatuses(request)).containsOnly("PENDING");
        // The claim gave up without a call: nothing started, so a cancel now is in time.
        assertThat(cancellation.cancel(request.requestId(), subjectRefOf(user), Instant.now()))
                .isEqualTo(RequestCancellation.Result.CANCELLED);
    }

    @Test
    void aClaimAfterTheCancelCommittedStartsNoTaskOfTheRequestEvenOnceItIsDue() {
        long user = app.newUser();
        DeletionRequests request = plannedInGracePeriod(user);

        assertThat(cancellation.cancel(request.requestId(), subjectRefOf(user), Instant.now()))
                .isEqualTo(RequestCancellation.Result.CANCELLED);

        Instant pastExecuteAfter = Instant.now().plus(GRACE).plusSeconds(1);
        List<ClaimedTask> claimed = tasks.claimDue("race-test", 1_000, pastExecuteAfter, pastExecuteAfter.plusSeconds(20));
        // Tasks of other requests that were due then are given back untouched.
        tasks.giveBack(claimed, "race-test", Instant.now());
        assertThat(claimed).noneMatch(task -> task.requestId().equals(request.requestId()));
        assertThat(taskStatuses(request)).isNotEmpty().containsOnly("CANCELLED");
        assertThat(cancellation.cancel(request.requestId(), subjectRefOf(user), Instant.now()))
                .isEqualTo(RequestCancellation.Result.ALREADY_CANCELLED);
        assertThat(app.rows("users", user)).isEqualTo(1);
    }

    private DeletionRequests plannedInGracePeriod(long user) {
        DeletionRequests request = aDeletionRequest().forSubject(user).executeAfter(Instant.now().plus(GRACE));
        requests.send(request);
        await().atMost(Duration.ofSeconds(30)).until(() -> !audit.eventsOf(request.requestId()).isEmpty());
        return request;
    }

    private String subjectRefOf(long user) {
        return subjectRefs.of(new Subject("user", Long.toString(user), ""));
    }

    private String requestStatus(DeletionRequests request) {
        return ledger.sql("select status from deletion_request where request_id = ?").param(request.requestId())
                .query(String.class).single();
    }

    private List<String> taskStatuses(DeletionRequests request) {
        return ledger.sql("select status from deletion_task where request_id = ?").param(request.requestId())
                .query(String.class).list();
    }
}
