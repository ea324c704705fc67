package dev.lethe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class AuditCsvLineTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void headerNamesTheFixedColumnsAndEndsWithCrLf() {
        assertThat(AuditCsvLine.header())
                .isEqualTo("occurredAt,type,requestId,subjectRef,batchId,resource,outcome,items,attempts,error,reason,dryRun\r\n");
    }

    @Test
    void quotesFieldsWithCommasQuotesAndLineBreaksDoublingTheQuotes() {
        assertThat(AuditCsvLine.quoted("plain text")).isEqualTo("plain text");
        assertThat(AuditCsvLine.quoted("a,b")).isEqualTo("\"a,b\"");
        assertThat(AuditCsvLine.quoted("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(AuditCsvLine.quoted("line\nbreak")).isEqualTo("\"line\nbreak\"");
        assertThat(AuditCsvLine.quoted("carriage\rreturn")).isEqualTo("\"carriage\rreturn\"");
    }

    @Test
    void writesEveryColumnOfATaskFailedEventLeavingAbsentFieldsEmpty() {
        String line = AuditCsvLine.of(JSON.readTree("""
                {"type":"TASK_FAILED","requestId":"r-1","subjectRef":"abc","occurredAt":"2026-11-23T10:15:31.120Z",
                 "dryRun":false,"resource":"device_history","attempts":3,"error":"Bad, \\"worse\\"\\nworst"}"""));

        assertThat(line).isEqualTo("2026-11-23T10:15:31.120Z,TASK_FAILED,r-1,abc,,device_history,,,3,"
                + "\"Bad, \"\"worse\"\"\nworst\",,false\r\n");
    }

    @Test
    void writesBatchItemsAndOutcomeOfATaskCompletedEvent() {
        String line = AuditCsvLine.of(JSON.readTree("""
                {"type":"TASK_COMPLETED","requestId":"r-2","subjectRef":"def","occurredAt":"t","dryRun":true,
                 "batchId":"nightly","resource":"posts","outcome":"DRY_RUN","items":6,"attempts":1}"""));

        assertThat(line).isEqualTo("t,TASK_COMPLETED,r-2,def,nightly,posts,DRY_RUN,6,1,,,true\r\n");
    }

    @Test
    void writesValuesOfAnUnexpectedJsonTypeAsTheirJson() {
        String line = AuditCsvLine.of(JSON.readTree("{\"type\":\"X\",\"items\":[1,2],\"reason\":{\"a\":1}}"));

        assertThat(line).isEqualTo(",X,,,,,,\"[1,2]\",,,\"{\"\"a\"\":1}\",\r\n");
    }
}
