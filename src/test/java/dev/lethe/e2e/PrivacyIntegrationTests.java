package dev.lethe.e2e;

import static dev.lethe.testsupport.DeletionRequests.aDeletionRequest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.audit.SubjectRef;
import dev.lethe.core.DeletionRequest.Subject;
import dev.lethe.testsupport.AppDatabase;
import dev.lethe.testsupport.AuditLog;
import dev.lethe.testsupport.DeletionRequests;
import dev.lethe.testsupport.LetheIntegrationTest;
import dev.lethe.testsupport.RequestSender;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.json.JsonMapper;

/** No raw subject id in any audit event or log line; subjects are named by subjectRef alone. */
@LetheIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class PrivacyIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    RequestSender requests;
    @Autowired
    AuditLog audit;
    @Autowired
    AppDatabase app;
    @Autowired
    SubjectRef subjectRef;

    @Test
    void keepsSubjectIdsOutOfAuditEventsAndLogs(CapturedOutput output) {
        List<String> subjectIds = new ArrayList<>();
        List<DeletionRequests> sent = new ArrayList<>();
        String tenant = "tenant-" + UUID.randomUUID();
        long user = app.newUser();
        long admin = app.newAdmin();
        String device = "device-" + UUID.randomUUID();
        sent.add(aDeletionRequest().forSubject(user).inTenant(tenant));
        sent.add(aDeletionRequest().forSubject(admin));
        sent.add(aDeletionRequest().forSubject(app.newUser()).soft().dryRun());
        sent.add(aDeletionRequest().forSubject(device).ofType("device"));
        sent.add(aDeletionRequest().forSubject("robot-" + UUID.randomUUID()).ofType("robot"));
        sent.forEach(request -> subjectIds.add(request.subjectId()));
        subjectIds.add(tenant);

        sent.forEach(requests::send);
        requests.send(device, "{\"subject\":{\"id\":\"" + device + "\"}}");
        sent.forEach(request -> audit.awaitTerminal(request.requestId()));

        for (DeletionRequests request : sent) {
            for (var event : audit.eventsOf(request.requestId())) {
                String json = event.toString();
                subjectIds.forEach(id -> assertThat(json).doesNotContain(id));
            }
        }
        subjectIds.forEach(id -> assertThat(output.getAll()).as("log output").doesNotContain(id));
        String expectedRef = subjectRef.of(new Subject("user", Long.toString(user), tenant));
        assertThat(audit.eventsOf(sent.get(0).requestId()))
                .allSatisfy(event -> assertThat(event.path("subjectRef").asString()).isEqualTo(expectedRef));
        assertThat(audit.rawRecords()).allSatisfy(record -> assertThat(record.headers().toArray()).isEmpty());
        // This test's own records (the topic holds the context's earlier tests' too): keyed by their request id.
        List<String> requestIds = sent.stream().map(DeletionRequests::requestId).toList();
        assertThat(audit.rawRecords())
                .filteredOn(record -> requestIds.contains(JSON.readTree(record.value()).path("requestId").asString()))
                .hasSizeGreaterThanOrEqualTo(sent.size())
                .allSatisfy(record -> assertThat(new String(record.key(), StandardCharsets.UTF_8)).isIn(requestIds));
    }
}
