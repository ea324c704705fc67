package dev.lethe.e2e;

import static dev.lethe.testsupport.AuditAssertions.assertThatEvents;
import static dev.lethe.testsupport.DeadLetterLog.header;
import static dev.lethe.testsupport.DeletionRequests.aDeletionRequest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.deadletter.DeadLetterHeaders;
import dev.lethe.ledger.RequestRepository;
import dev.lethe.testsupport.AppDatabase;
import dev.lethe.testsupport.AuditLog;
import dev.lethe.testsupport.DeadLetterLog;
import dev.lethe.testsupport.DeletionRequests;
import dev.lethe.testsupport.LetheIntegrationTest;
import dev.lethe.testsupport.RequestSender;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * A permanent error (a table dropped after start) fails its task at once; what depends on it does not run; the
 * request ends REQUEST_FAILED and its record goes to the dead-letter topic for replay.
 */
@LetheIntegrationTest
class FailedRequestIntegrationTests {

    @Autowired
    AppDatabase app;

    @Autowired
    RequestSender requests;
    @Autowired
    AuditLog audit;
    @Autowired
    DeadLetterLog deadLetters;
    @Autowired
    RequestRepository ledger;

    /** Start-up checked the table; dropping it is a schema change behind the worker's back. */
    @BeforeEach
    void dropTheTableOfDeviceHistory() {
        app.update("drop table if exists device_history");
    }

    @Test
    void doesNotRunAFailedRequestAgainUnderItsOldPlanWhenItIsReSentAskingForSomethingElse() {
        String device = "device-" + UUID.randomUUID();
        DeletionRequests request = aDeletionRequest().forSubject(device).ofType("device");
        requests.send(request);
        audit.awaitTerminal(request.requestId());

        requests.send(aDeletionRequest().withRequestId(request.requestId()).forSubject(device).ofType("device").dryRun());

        var conflict = deadLetters.awaitRecord(r -> request.requestId().equals(header(r, DeadLetterHeaders.REQUEST_ID))
                && "REQUEST_ID_CONFLICT".equals(header(r, DeadLetterHeaders.ERROR)));
        assertThat(header(conflict, DeadLetterHeaders.ERROR_DETAIL)).contains("asked for something else");
        assertThat(ledger.findById(request.requestId()).orElseThrow().run()).isEqualTo(1);
    }

    @Test
    void failsTheRequestAndDeadLettersItsRecord() {
        String device = "device-" + UUID.randomUUID();
        DeletionRequests request = aDeletionRequest().forSubject(device).ofType("device");

        requests.send(request);

        var events = audit.awaitTerminal(request.requestId());
        assertThatEvents(events)
                .haveTypes("REQUEST_ACCEPTED", "TASK_COMPLETED", "TASK_FAILED", "REQUEST_FAILED")
                .havePlan("device_tokens", "device_history", "device_audit_copy")
                .haveTask("device_tokens", "NOTHING_FOUND", 0)
                .haveFailedTask("device_history");
        JsonNode failed = events.get(events.size() - 1);
        assertThat(failed.path("failedResources").toString()).isEqualTo("[\"device_history\"]");
        assertThat(failed.path("notRunResources").toString()).isEqualTo("[\"device_audit_copy\"]");
        assertThat(events.get(2).path("error").asString()).contains("42P01").doesNotContain(device);

        var record = deadLetters.awaitRecord(r -> request.requestId().equals(header(r, DeadLetterHeaders.REQUEST_ID)));
        assertThat(header(record, DeadLetterHeaders.ERROR)).isEqualTo("RETRIES_EXHAUSTED");
        assertThat(header(record, DeadLetterHeaders.FAILED_RESOURCES)).isEqualTo("device_history");
        assertThat(header(record, DeadLetterHeaders.ERROR_DETAIL)).doesNotContain(device);
        assertThat(DeadLetterLog.value(record)).isEqualTo(request.toJson());
        assertThat(new String(record.key())).isEqualTo(device);
    }
}
