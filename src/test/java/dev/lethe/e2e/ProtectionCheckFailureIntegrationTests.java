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
import org.springframework.test.context.TestPropertySource;

/**
 * The protection check fails closed. Here the protection query compares the id with a bigint column (as the
 * shipped examples once did): for an id that is not a number it cannot decide, and the request is rejected instead
 * of being treated as unprotected; the requests behind it are planned as usual.
 */
@LetheIntegrationTest
@TestPropertySource(properties = "lethe.protection.query=select 1 from users where id = ? and role = 'admin'")
class ProtectionCheckFailureIntegrationTests {

    @Autowired
    RequestSender requests;
    @Autowired
    AuditLog audit;
    @Autowired
    AppDatabase app;

    @Test
    void aProtectionQueryThatFailsForAnIdRejectsItsRequestAndOnlyIt() {
        long user = app.newUser();
        DeletionRequests undecidable = aDeletionRequest().ofType("crew").forSubject(app.currentUser());
        DeletionRequests plain = aDeletionRequest().forSubject(user);
        app.update("insert into \"order\" values (?, 'kept')", app.currentUser());

        requests.send(undecidable);
        requests.send(plain);

        assertThatEvents(audit.awaitTerminal(undecidable.requestId()))
                .haveTypes("REQUEST_REJECTED").haveReason("PROTECTION_CHECK_FAILED");
        assertThat(app.count("select count(*) from \"order\"")).isEqualTo(1);
        assertThatEvents(audit.awaitTerminal(plain.requestId())).endWith("REQUEST_COMPLETED").haveTask("users", "DELETED", 1);
    }

    @Test
    void aNonCanonicalIdOfAnAdministratorIsStillProtectedWhereTheQueryReadsItAsTheirs() {
        long admin = app.newAdmin();
        DeletionRequests request = aDeletionRequest().forSubject("0" + admin);

        requests.send(request);

        assertThatEvents(audit.awaitTerminal(request.requestId())).haveTypes("REQUEST_REJECTED").haveReason("PROTECTED_SUBJECT");
        assertThat(app.rows("users", admin)).isEqualTo(1);
    }
}
