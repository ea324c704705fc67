package dev.lethe.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.deadletter.DeadLetterCode;
import dev.lethe.intake.DeletionRequest.Mode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class RequestParserTests {

    private static final String SECRET = "jane.doe@example.com";

    private final RequestParser parser = new RequestParser(JsonMapper.builder().build());

    @Test
    void appliesTheContractDefaults() {
        DeletionRequest request = valid("{\"requestId\":\"r-1\",\"subject\":{\"type\":\"user\",\"id\":\"42\"}}");

        assertThat(request.mode()).isEqualTo(Mode.HARD);
        assertThat(request.dryRun()).isFalse();
        assertThat(request.include()).isEmpty();
        assertThat(request.exclude()).isEmpty();
        assertThat(request.subject().tenant()).isEmpty();
    }

    @Test
    void readsEveryField() {
        DeletionRequest request = valid("""
                {"requestId":"r:2.x_y-z","subject":{"type":"user","id":"42","tenant":"acme"},"mode":"SOFT",
                 "scope":{"include":["posts","content"],"exclude":["chats"]},"dryRun":true,"reason":"USER_REQUEST",
                 "requestedBy":"accounts","requestedAt":"2026-11-23T10:15:30.123+01:00","batchId":"b-7",
                 "schemaVersion":1,"somethingNew":{"ignored":true}}
                """);

        assertThat(request.requestId()).isEqualTo("r:2.x_y-z");
        assertThat(request.subject().tenant()).isEqualTo("acme");
        assertThat(request.mode()).isEqualTo(Mode.SOFT);
        assertThat(request.include()).containsExactly("posts", "content");
        assertThat(request.exclude()).containsExactly("chats");
        assertThat(request.dryRun()).isTrue();
        assertThat(request.batchId()).isEqualTo("b-7");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{not json                                                              | INVALID_JSON",
            "{\"requestId\":\"a\",                                                  | INVALID_JSON",
            "[{\"requestId\":\"r\"}]                                                | SCHEMA_VIOLATION",
            "\"just a string\"                                                      | SCHEMA_VIOLATION",
            "{\"subject\":{\"type\":\"user\",\"id\":\"SECRET\"}}                    | SCHEMA_VIOLATION",
            "{\"requestId\":\"bad id\",\"subject\":{\"type\":\"user\",\"id\":\"SECRET\"}} | SCHEMA_VIOLATION",
            "{\"requestId\":\"r\"}                                                  | SCHEMA_VIOLATION",
            "{\"requestId\":\"r\",\"subject\":{\"type\":\"user\"}}                  | SCHEMA_VIOLATION",
            "{\"requestId\":\"r\",\"subject\":{\"type\":\"\",\"id\":\"SECRET\"}}    | SCHEMA_VIOLATION",
            "{\"requestId\":\"r\",\"subject\":{\"type\":\"user\",\"id\":\"SECRET\"},\"mode\":\"SECRET\"} | SCHEMA_VIOLATION",
            "{\"requestId\":\"r\",\"subject\":{\"type\":\"user\",\"id\":\"SECRET\"},\"dryRun\":\"yes\"} | SCHEMA_VIOLATION",
            "{\"requestId\":\"r\",\"subject\":{\"type\":\"user\",\"id\":\"SECRET\"},\"requestedAt\":\"SECRET\"} | SCHEMA_VIOLATION",
            "{\"requestId\":\"r\",\"subject\":{\"type\":\"user\",\"id\":\"SECRET\"},\"requestedAt\":\"2026-11-23 10:15\"} | SCHEMA_VIOLATION",
            "{\"requestId\":\"r\",\"subject\":{\"type\":\"user\",\"id\":\"SECRET\"},\"scope\":{\"include\":[]}} | SCHEMA_VIOLATION",
            "{\"requestId\":\"r\",\"subject\":{\"type\":\"user\",\"id\":\"SECRET\"},\"schemaVersion\":2} | SCHEMA_VIOLATION",
    })
    void rejectsMalformedRecordsWithACodeAndADetailFreeOfSubjectData(String json, DeadLetterCode code) {
        ParsedRecord parsed = parser.parse(json.replace("SECRET", SECRET).getBytes(StandardCharsets.UTF_8));

        assertThat(parsed).isInstanceOf(ParsedRecord.Malformed.class);
        ParsedRecord.Malformed malformed = (ParsedRecord.Malformed) parsed;
        assertThat(malformed.code()).isEqualTo(code);
        assertThat(malformed.detail()).isNotBlank().doesNotContain(SECRET).doesNotContain("\n");
    }

    @Test
    void rejectsAnIdLongerThan256Characters() {
        String id = "x".repeat(257);
        ParsedRecord parsed = parser.parse(("{\"requestId\":\"r\",\"subject\":{\"type\":\"user\",\"id\":\"" + id + "\"}}")
                .getBytes(StandardCharsets.UTF_8));

        assertThat(parsed).isInstanceOf(ParsedRecord.Malformed.class);
        assertThat(((ParsedRecord.Malformed) parsed).detail()).contains("/subject/id").doesNotContain(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " "})
    void treatsAnEmptyValueAsInvalidJson(String value) {
        ParsedRecord parsed = parser.parse(value.getBytes(StandardCharsets.UTF_8));

        assertThat(((ParsedRecord.Malformed) parsed).code()).isEqualTo(DeadLetterCode.INVALID_JSON);
    }

    @Test
    void treatsANullValueAsInvalidJson() {
        assertThat(((ParsedRecord.Malformed) parser.parse(null)).code()).isEqualTo(DeadLetterCode.INVALID_JSON);
    }

    private DeletionRequest valid(String json) {
        ParsedRecord parsed = parser.parse(json.getBytes(StandardCharsets.UTF_8));
        assertThat(parsed).isInstanceOf(ParsedRecord.Valid.class);
        return ((ParsedRecord.Valid) parsed).request();
    }
}
