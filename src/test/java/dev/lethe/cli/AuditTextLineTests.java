package dev.lethe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class AuditTextLineTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String REF = "950a4e69ab12cdef0123456789abcdef0123456789abcdef0123456789abcdef";

    @Test
    void showsATaskCompletedEventWithItsResourceOutcomeItemsAndAttempts() {
        String line = AuditTextLine.of(JSON.readTree("""
                {"type":"TASK_COMPLETED","requestId":"r-1","subjectRef":"%s","occurredAt":"2026-11-23T10:15:31.120Z",
                 "dryRun":false,"run":1,"resource":"chat_messages","outcome":"DELETED","items":6,"attempts":1}""".formatted(REF)));

        assertThat(line).isEqualTo("2026-11-23T10:15:31.120Z  TASK_COMPLETED     r-1  950a4e69ab12  chat_messages  DELETED  items=6  attempts=1");
    }

    @Test
    void showsTheSubjectRefTruncatedToTwelveCharacters() {
        String line = AuditTextLine.of(JSON.readTree("{\"type\":\"REQUEST_REJECTED\",\"subjectRef\":\"%s\"}".formatted(REF)));

        assertThat(line).endsWith("  950a4e69ab12");
    }

    @Test
    void quotesAnErrorWithSpacesAndEscapesItsLineBreaksAndQuotes() {
        String line = AuditTextLine.of(JSON.readTree("""
                {"type":"TASK_FAILED","requestId":"r-1","resource":"device_history","attempts":3,
                 "error":"PSQLException \\"x\\"\\nSQLSTATE 42P01"}"""));

        assertThat(line).endsWith("device_history  attempts=3  error=\"PSQLException \\\"x\\\"\\u000aSQLSTATE 42P01\"")
                .doesNotContain("\n");
    }

    @Test
    void escapesTerminalControlAndBidiOverrideCharacters() {
        String line = AuditTextLine.of(JSON.readTree("{\"type\":\"X\",\"requestId\":\"a\\u001b[2Jb\\u202ec\",\"reason\":\"\\u009b\"}"));

        assertThat(line).contains("a\\u001b[2Jb\\u202ec").contains("reason=\\u009b").doesNotContain("\u001b").doesNotContain("\u202e");
    }

    @Test
    void showsThePlanOfAnAcceptedRequestAndMarksDryRunsAndLaterRuns() {
        String line = AuditTextLine.of(JSON.readTree("""
                {"type":"REQUEST_ACCEPTED","requestId":"r-1","subjectRef":"ab","occurredAt":"t","dryRun":true,"run":2,
                 "batchId":"nightly","plan":["chat_messages","chats","users"]}"""));

        assertThat(line).isEqualTo("t  REQUEST_ACCEPTED   r-1  ab  dry-run  run=2  batch=nightly  plan=chat_messages,chats,users");
    }

    @Test
    void showsTheSummaryPerResourceAndTheFailedAndHeldBackResources() {
        String line = AuditTextLine.of(JSON.readTree("""
                {"type":"REQUEST_FAILED","requestId":"r-1","subjectRef":"ab","occurredAt":"t",
                 "summary":{"resources":{"device_tokens":{"outcome":"NOTHING_FOUND","items":0}},"totalItems":0},
                 "failedResources":["device_history"],"notRunResources":["device_audit_copy"]}"""));

        assertThat(line).endsWith("failedResources=device_history  notRunResources=device_audit_copy"
                + "  summary=device_tokens:NOTHING_FOUND/0  total=0");
    }

    @Test
    void showsOnlyTheTotalOfASummaryWithoutResources() {
        String line = AuditTextLine.of(JSON.readTree("""
                {"type":"REQUEST_FAILED","summary":{"resources":{},"totalItems":0},"failedResources":["a"]}"""));

        assertThat(line).endsWith("failedResources=a  total=0");
    }

    @Test
    void showsMissingFieldsAsDashesAndValuesOfUnexpectedTypesAsJson() {
        String line = AuditTextLine.of(JSON.readTree("{\"type\":7,\"items\":{\"n\":1},\"summary\":\"odd\"}"));

        assertThat(line).isEqualTo("-  7                  -  -  items=\"{\\\"n\\\":1}\"  summary=odd");
    }
}
