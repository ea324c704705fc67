package dev.lethe.plan;

import static dev.lethe.testsupport.AuditAssertions.assertThatEvents;
import static dev.lethe.testsupport.DeletionRequests.aDeletionRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lethe.testsupport.AppDatabase;
import dev.lethe.testsupport.AuditLog;
import dev.lethe.testsupport.DeletionRequests;
import dev.lethe.testsupport.FlakyBackend;
import dev.lethe.testsupport.LetheIntegrationTest;
import dev.lethe.testsupport.RequestSender;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * {@code lethe.legal-hold}, checked before anything is planned: a held subject is rejected with nothing erased; a
 * hold database that is down makes the request wait, never guess; a query that cannot decide rejects the request.
 * The hold database is the application database reached through the flaky datasource, which a test can take down.
 */
@LetheIntegrationTest
@TestPropertySource(properties = {
        "lethe.legal-hold.datasource=flaky",
        // Compares with a bigint column: an id that is not a number cannot be decided (22P02), a permanent error.
        "lethe.legal-hold.query=select 1 from legal_holds where user_id = ?"})
class LegalHoldIntegrationTests {

    @Autowired
    RequestSender requests;
    @Autowired
    AuditLog audit;
    @Autowired
    AppDatabase app;
    @Autowired
    FlakyBackend holdDatabase;

    @Test
    void rejectsAHeldSubjectWithNothingErased() {
        long held = app.newUser();
        app.update("insert into legal_holds values (?)", held);
        DeletionRequests request = aDeletionRequest().forSubject(held);

        requests.send(request);

        assertThatEvents(audit.awaitTerminal(request.requestId())).haveTypes("REQUEST_REJECTED").haveReason("LEGAL_HOLD");
        assertThat(app.rows("users", held)).isEqualTo(1);
        assertThat(app.rows("posts", held)).isEqualTo(AppDatabase.POSTS_PER_USER);
        assertThat(app.rows("chat_messages", held)).isPositive();
    }

    @Test
    void waitsWhileTheHoldDatabaseIsDownAndRunsOnceItIsBack() {
        long user = app.newUser();
        DeletionRequests request = aDeletionRequest().forSubject(user);
        holdDatabase.goDown();
        try {
            requests.send(request);

            await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(20))
                    .until(() -> audit.eventsOf(request.requestId()).isEmpty());
            assertThat(app.rows("users", user)).isEqualTo(1);
        } finally {
            holdDatabase.comeBack();
        }

        assertThatEvents(audit.awaitTerminal(request.requestId())).endWith("REQUEST_COMPLETED").haveTask("users", "DELETED", 1);
        assertThat(app.rows("posts", user)).isZero();
    }

    @Test
    void rejectsARequestTheHoldQueryCannotDecideAndOnlyIt() {
        // Subjects of type "crew" have text ids: the hold query cannot compare one with its bigint column.
        DeletionRequests undecidable = aDeletionRequest().ofType("crew").forSubject(app.currentUser());
        DeletionRequests plain = aDeletionRequest().forSubject(app.newUser());
        app.update("insert into \"order\" values (?, 'kept')", app.currentUser());

        requests.send(undecidable);
        requests.send(plain);

        assertThatEvents(audit.awaitTerminal(undecidable.requestId()))
                .haveTypes("REQUEST_REJECTED").haveReason("LEGAL_HOLD_CHECK_FAILED");
        assertThat(app.count("select count(*) from \"order\" where \"user\" = ?", app.currentUser())).isPositive();
        assertThatEvents(audit.awaitTerminal(plain.requestId())).endWith("REQUEST_COMPLETED");
    }
}
