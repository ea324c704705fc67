package dev.lethe.e2e;

import static dev.lethe.testsupport.AppDatabase.CHATS_PER_USER;
import static dev.lethe.testsupport.AppDatabase.MESSAGES_PER_CHAT;
import static dev.lethe.testsupport.AppDatabase.POSTS_PER_USER;
import static dev.lethe.testsupport.AuditAssertions.assertThatEvents;
import static dev.lethe.testsupport.DeletionRequests.aDeletionRequest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.testsupport.AppDatabase;
import dev.lethe.testsupport.AuditLog;
import dev.lethe.testsupport.DeletionRequests;
import dev.lethe.testsupport.LetheIntegrationTest;
import dev.lethe.testsupport.RequestSender;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A request erases only rows whose stored value is exactly its subject's id, end to end: requests sent together
 * (cleaned in one statement) on columns whose type would truncate, pad or convert the id, and names that are SQL
 * keywords.
 */
@LetheIntegrationTest
class IdentityIntegrationTests {

    private static final List<String> USER_RESOURCES = List.of("chat_messages", "chats", "posts", "sessions", "users");

    @Autowired
    RequestSender requests;
    @Autowired
    AuditLog audit;
    @Autowired
    AppDatabase app;

    @Test
    void charRequestsSentTogetherEraseExactlyTheirSubjectsAndNeverTheOneWhoseIdIsTheirFirstLetter() {
        app.update("insert into badges values ('m'), ('m'), ('m0000001'), ('m0000002'), ('m0000003'), ('m0000004')");
        DeletionRequests[] sent = badges("m0000001", "m0000002", "m0000003");

        requests.sendTogether(sent);

        for (DeletionRequests request : sent) {
            assertThatEvents(audit.awaitTerminal(request.requestId())).endWith("REQUEST_COMPLETED")
                    .haveTask("badge_cards", "DELETED", 1);
        }
        assertThat(app.count("select count(*) from badges where code in ('m0000001', 'm0000002', 'm0000003')")).isZero();
        assertThat(app.count("select count(*) from badges where code = 'm'")).isEqualTo(2);
        assertThat(app.count("select count(*) from badges where code = 'm0000004'")).isEqualTo(1);
    }

    @Test
    void bitRequestsSentTogetherEraseExactlyTheirSubjects() {
        app.update("insert into flags values (B'00000001'), (B'00000010'), (B'00000011'), (B'10000000')");
        DeletionRequests one = aDeletionRequest().ofType("flag").forSubject("00000001");
        DeletionRequests two = aDeletionRequest().ofType("flag").forSubject("00000010");
        DeletionRequests padded = aDeletionRequest().ofType("flag").forSubject("1");

        requests.sendTogether(one, two, padded);

        assertThatEvents(audit.awaitTerminal(one.requestId())).haveTask("flag_bits", "DELETED", 1);
        assertThatEvents(audit.awaitTerminal(two.requestId())).haveTask("flag_bits", "DELETED", 1);
        assertThatEvents(audit.awaitTerminal(padded.requestId())).haveTask("flag_bits", "NOTHING_FOUND", 0);
        assertThat(app.count("select count(*) from flags")).as("00000011 and 10000000 are left").isEqualTo(2);
        assertThat(app.count("select count(*) from flags where bits in (B'00000011', B'10000000')")).isEqualTo(2);
    }

    @Test
    void anIdThatOnlyConvertsToAProtectedSubjectsErasesNothingOfThem() {
        long admin = app.newAdmin();
        DeletionRequests leadingZero = aDeletionRequest().forSubject("0" + admin);
        DeletionRequests plusSign = aDeletionRequest().forSubject("+" + admin);
        DeletionRequests decimal = aDeletionRequest().forSubject(admin + ".0");

        requests.sendTogether(leadingZero, plusSign, decimal);

        for (DeletionRequests request : List.of(leadingZero, plusSign, decimal)) {
            var events = audit.awaitTerminal(request.requestId());
            assertThatEvents(events).endWith("REQUEST_COMPLETED").haveTotalItems(0);
            USER_RESOURCES.forEach(resource -> assertThatEvents(events).haveTask(resource, "NOTHING_FOUND", 0));
        }
        USER_RESOURCES.forEach(table -> assertThat(app.rows(table, admin)).as(table).isPositive());

        DeletionRequests exact = aDeletionRequest().forSubject(admin);
        requests.send(exact);
        assertThatEvents(audit.awaitTerminal(exact.requestId())).haveTypes("REQUEST_REJECTED").haveReason("PROTECTED_SUBJECT");
    }

    @Test
    void aColumnNamedUserIsThatColumn() {
        String role = app.currentUser();
        app.update("insert into \"order\" values (?, 'a'), (?, 'b'), ('crew-other', 'c')", role, role);
        DeletionRequests request = aDeletionRequest().ofType("crew").forSubject(role);

        requests.send(request);

        assertThatEvents(audit.awaitTerminal(request.requestId())).endWith("REQUEST_COMPLETED")
                .haveTask("crew_orders", "DELETED", 2);
        assertThat(app.count("select count(*) from \"order\"")).isEqualTo(1);
        assertThat(app.count("select count(*) from \"order\" where \"user\" = 'crew-other'")).isEqualTo(1);
    }

    @Test
    void dryRunsOfOneSubjectSentTogetherReportTheSameCounts() {
        long user = app.newUser();
        DeletionRequests first = aDeletionRequest().forSubject(user).dryRun();
        DeletionRequests second = aDeletionRequest().forSubject(user).dryRun();

        requests.sendTogether(first, second);

        for (DeletionRequests request : List.of(first, second)) {
            assertThatEvents(audit.awaitTerminal(request.requestId())).endWith("REQUEST_COMPLETED").allDryRun()
                    .haveTask("chat_messages", "DRY_RUN", CHATS_PER_USER * MESSAGES_PER_CHAT)
                    .haveTask("chats", "DRY_RUN", CHATS_PER_USER)
                    .haveTask("posts", "DRY_RUN", POSTS_PER_USER)
                    .haveTask("sessions", "DRY_RUN", 1)
                    .haveTask("users", "DRY_RUN", 1);
        }
        USER_RESOURCES.forEach(table -> assertThat(app.rows(table, user)).as(table).isPositive());
    }

    private static DeletionRequests[] badges(String... ids) {
        return java.util.Arrays.stream(ids).map(id -> aDeletionRequest().ofType("badge").forSubject(id))
                .toArray(DeletionRequests[]::new);
    }
}
