package dev.lethe.e2e;

import static dev.lethe.testsupport.AuditAssertions.assertThatEvents;
import static dev.lethe.testsupport.DeletionRequests.aDeletionRequest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.testsupport.AppDatabase;
import dev.lethe.testsupport.AuditLog;
import dev.lethe.testsupport.DeletionRequests;
import dev.lethe.testsupport.LetheIntegrationTest;
import dev.lethe.testsupport.RequestSender;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Requests that must not run: they end in REQUEST_REJECTED alone and erase nothing. */
@LetheIntegrationTest
class RejectionIntegrationTests {

    @Autowired
    RequestSender requests;
    @Autowired
    AuditLog audit;
    @Autowired
    AppDatabase app;

    @Test
    void neverErasesAProtectedSubject() {
        long admin = app.newAdmin();
        DeletionRequests request = aDeletionRequest().forSubject(admin);

        requests.send(request);

        assertThatEvents(audit.awaitTerminal(request.requestId()))
                .haveTypes("REQUEST_REJECTED").haveReason("PROTECTED_SUBJECT");
        assertThat(app.rows("users", admin)).isEqualTo(1);
        assertThat(app.rows("chat_messages", admin)).isPositive();
    }

    @Test
    void rejectsAnUnknownScopeName() {
        long user = app.newUser();
        DeletionRequests request = aDeletionRequest().forSubject(user).including("posts", "no_such_thing");

        requests.send(request);

        var events = audit.awaitTerminal(request.requestId());
        assertThatEvents(events).haveTypes("REQUEST_REJECTED").haveReason("UNKNOWN_SCOPE");
        assertThat(events.get(0).path("detail").asString()).isEqualTo("unknown scope names: no_such_thing");
        assertThat(app.rows("posts", user)).isPositive();
    }

    @Test
    void rejectsAnUnknownExcludeName() {
        DeletionRequests request = aDeletionRequest().forSubject(app.newUser()).excluding("nope");

        requests.send(request);

        assertThatEvents(audit.awaitTerminal(request.requestId()))
                .haveTypes("REQUEST_REJECTED").haveReason("UNKNOWN_SCOPE");
    }

    @Test
    void rejectsASubjectTypeNoResourceAppliesTo() {
        DeletionRequests request = aDeletionRequest().forSubject("r2d2").ofType("robot");

        requests.send(request);

        assertThatEvents(audit.awaitTerminal(request.requestId()))
                .haveTypes("REQUEST_REJECTED").haveReason("UNKNOWN_SUBJECT_TYPE");
    }
}
