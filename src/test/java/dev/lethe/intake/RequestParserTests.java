package dev.lethe.intake;

import dev.lethe.core.DeletionRequest;
import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.deadletter.DeadLetterCode;
import dev.lethe.core.DeletionRequest.Mode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
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
        assertThat(request.requestedAt()).isEqualTo(Instant.parse("2026-11-23T09:15:30.123Z"));
    }

    @Test
    void leavesExecuteAfterAndCancelOutByDefault() {
        DeletionRequest request = valid("{\"requestId\":\"r-1\",\"subject\":{\"type\":\"user\",\"id\":\"42\"}}");

        assertThat(request.executeAfter()).isNull();
        assertThat(request.cancel()).isFalse();
    }

    @Test
    void readsExecuteAfterAsAnInstantWhateverItsOffset() {
        DeletionRequest request = valid("""
                {"requestId":"r-1","subject":{"type":"user","id":"42"},"executeAfter":"2026-12-01T11:00:00.5+01:00"}
                """);

        assertThat(request.executeAfter()).isEqualTo(Instant.parse("2026-12-01T10:00:00.500Z"));
    }

    @Test
    void readsACancelRecord() {
        DeletionRequest request = valid("{\"requestId\":\"r-1\",\"subject\":{\"type\":\"user\",\"id\":\"42\"},\"cancel\":true}");

        assertThat(request.cancel()).isTrue();
        assertThat(request.requestId()).isEqualTo("r-1");
    }

    @Test
    void refusesALeapSecondInExecuteAfterWhichTheSchemaAcceptsButNoInstantCanHold() {
        ParsedRecord parsed = parser.parse(("{\"requestId\":\"r\",\"subject\":{\"type\":\"user\",\"id\":\"" + SECRET
                + "\"},\"executeAfter\":\"2016-12-31T23:59:60Z\"}").getBytes(StandardCharsets.UTF_8));

        assertThat(parsed).isInstanceOfSatisfying(ParsedRecord.Malformed.class, malformed -> {
            assertThat(malformed.code()).isEqualTo(DeadLetterCode.SCHEMA_VIOLATION);
            assertThat(malformed.detail()).startsWith("/executeAfter").doesNotContain(SECRET);
        });
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
            "{\"requestId\":\"r\",\"subject\":{\"type\":\"user\",\"id\":\"SECRET\"},\"executeAfter\":\"SECRET\"} | SCHEMA_VIOLATION",
            "{\"requestId\":\"r\",\"subject\":{\"type\":\"user\",\"id\":\"SECRET\"},\"executeAfter\":\"2026-12-01\"} | SCHEMA_VIOLATION",
            "{\"requestId\":\"r\",\"subject\":{\"type\":\"user\",\"id\":\"SECRET\"},\"executeAfter\":\"2026-12-01T10:00:00\"} | SCHEMA_VIOLATION",
            "{\"requestId\":\"r\",\"subject\":{\"type\":\"user\",\"id\":\"SECRET\"},\"executeAfter\":1764583200} | SCHEMA_VIOLATION",
            "{\"requestId\":\"r\",\"subject\":{\"type\":\"user\",\"id\":\"SECRET\"},\"cancel\":\"true\"} | SCHEMA_VIOLATION",
            "{\"requestId\":\"r\",\"subject\":{\"type\":\"user\",\"id\":\"SECRET\"},\"cancel\":1} | SCHEMA_VIOLATION",
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

    // Strict UTF-8 -----------------------------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource({
            "UTF-16LE, ''", "UTF-16LE, FFFE", "UTF-16BE, ''", "UTF-16BE, FEFF",
            "UTF-32LE, ''", "UTF-32LE, FFFE0000", "UTF-32BE, ''", "UTF-32BE, 0000FEFF"})
    void rejectsAValidRequestInAnotherEncodingAsInvalidJson(String charset, String byteOrderMark) {
        byte[] encoded = validJson().getBytes(Charset.forName(charset));
        byte[] record = concat(HexFormat.of().parseHex(byteOrderMark), encoded);

        assertMalformed(parser.parse(record), DeadLetterCode.INVALID_JSON);
    }

    @Test
    void rejectsAUtf8ByteOrderMarkAndSaysSo() {
        byte[] record = concat(HexFormat.of().parseHex("EFBBBF"), validJson().getBytes(StandardCharsets.UTF_8));

        assertThat(assertMalformed(parser.parse(record), DeadLetterCode.INVALID_JSON)).contains("byte order mark");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "a lone continuation byte, 80",
            "an invalid byte, FF",
            "a truncated two-byte sequence, C3",
            "a bad continuation, C328",
            "an overlong slash, C0AF",
            "an overlong three-byte form, E080AF",
            "an encoded surrogate (CESU-8), EDA080",
            "a code point above U+10FFFF, F4908080",
            "a five-byte form, F888808080"})
    void rejectsInvalidUtf8InsideAStringAsInvalidJsonNamingTheOffset(String what, String bytes) {
        String json = "{\"requestId\":\"r\",\"subject\":{\"type\":\"user\",\"id\":\"" + SECRET + "@\"}}";
        int at = json.indexOf('@');
        byte[] record = concat(concat(json.substring(0, at).getBytes(StandardCharsets.UTF_8), HexFormat.of().parseHex(bytes)),
                json.substring(at + 1).getBytes(StandardCharsets.UTF_8));

        String detail = assertMalformed(parser.parse(record), DeadLetterCode.INVALID_JSON);

        assertThat(detail).isEqualTo("not valid UTF-8 at byte offset " + at);
    }

    @Test
    void readsNonAsciiUtf8AndEscapedSurrogatePairs() {
        DeletionRequest request = valid("{\"requestId\":\"r\",\"subject\":{\"type\":\"üser\",\"id\":\"名前😀\\ud83d\\ude00\","
                + "\"tenant\":\"ACMÉ\"}}");

        assertThat(request.subject().type()).isEqualTo("üser");
        assertThat(request.subject().id()).isEqualTo("名前😀😀");
        assertThat(request.subject().tenant()).isEqualTo("ACMÉ");
    }

    // Duplicate keys ---------------------------------------------------------------------------------------------

    @Test
    void rejectsADuplicateKeyAtTheTopLevelNamingWhereButNotTheValue() {
        String json = "{\"requestId\":\"r\",\"subject\":{\"type\":\"user\",\"id\":\"1\"},"
                + "\"subject\":{\"type\":\"user\",\"id\":\"" + SECRET + "\"}}";

        String detail = assertMalformed(parser.parse(utf8(json)), DeadLetterCode.INVALID_JSON);

        assertThat(detail).startsWith("an object holds the same key twice at /subject (line 1, column");
    }

    @Test
    void rejectsADuplicateKeyInsideTheSubject() {
        String json = "{\"requestId\":\"r\",\"subject\":{\"type\":\"user\",\"id\":\"1\",\"id\":\"" + SECRET + "\"}}";

        String detail = assertMalformed(parser.parse(utf8(json)), DeadLetterCode.INVALID_JSON);

        assertThat(detail).contains("same key twice at /subject/id");
    }

    @Test
    void rejectsADuplicateKeySpelledWithAnEscapeInAnUnknownFieldWithoutNamingIt() {
        String json = "{\"requestId\":\"r\",\"subject\":{\"type\":\"user\",\"id\":\"1\"},"
                + "\"extra\":[{\"" + SECRET + "\":1,\"\\u006a" + SECRET.substring(1) + "\":2}]}";

        String detail = assertMalformed(parser.parse(utf8(json)), DeadLetterCode.INVALID_JSON);

        assertThat(detail).contains("same key twice at /(unknown field)/0/(unknown field)");
    }

    @Test
    void acceptsTheSameKeyInDifferentObjects() {
        DeletionRequest request = valid("{\"requestId\":\"r\",\"subject\":{\"type\":\"user\",\"id\":\"1\"},"
                + "\"extra\":{\"type\":1,\"id\":2}}");

        assertThat(request.subject().id()).isEqualTo("1");
    }

    // Strings ----------------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "/subject/id              | {'requestId':'r','subject':{'type':'user','id':'SECRET\\u0000'}}",
            "/subject/type            | {'requestId':'r','subject':{'type':'us\\u0000er','id':'SECRET'}}",
            "/subject/tenant          | {'requestId':'r','subject':{'type':'user','id':'SECRET','tenant':'\\u0000'}}",
            "/scope/include/0         | {'requestId':'r','subject':{'type':'user','id':'SECRET'},'scope':{'include':['chat_messages\\u0000']}}",
            "/scope/exclude/1         | {'requestId':'r','subject':{'type':'user','id':'SECRET'},'scope':{'exclude':['a','\\u0000']}}",
            "/reason                  | {'requestId':'r','subject':{'type':'user','id':'SECRET'},'reason':'SECRET\\u0000'}",
            "/requestedBy             | {'requestId':'r','subject':{'type':'user','id':'SECRET'},'requestedBy':'\\u0000'}",
            "/batchId                 | {'requestId':'r','subject':{'type':'user','id':'SECRET'},'batchId':'\\u0000'}",
            "/requestedAt             | {'requestId':'r','subject':{'type':'user','id':'SECRET'},'requestedAt':'2026-11-23T10:15:30Z\\u0000'}",
            "/requestId               | {'requestId':'r\\u0000','subject':{'type':'user','id':'SECRET'}}",
            "/(unknown field)         | {'requestId':'r','subject':{'type':'user','id':'SECRET'},'SECRET':'\\u0000'}",
            "/(unknown field)/2/id    | {'requestId':'r','subject':{'type':'user','id':'SECRET'},'extra':[1,true,{'id':'SECRET\\u0000'}]}",
            "/subject/(unknown field) | {'requestId':'r','subject':{'type':'user','id':'SECRET','note':'\\u0000'}}",
            "record: a field name     | {'requestId':'r','subject':{'type':'user','id':'SECRET'},'SECRET\\u0000':1}",
            "/subject: a field name   | {'requestId':'r','subject':{'type':'user','id':'SECRET','\\u0000':1}}",
            "/(unknown field): a field name | {'requestId':'r','subject':{'type':'user','id':'SECRET'},'x':{'\\u0000':1}}"})
    void rejectsNulInAnyStringNamingTheFieldButNotTheValue(String place, String json) {
        String detail = assertMalformed(parser.parse(utf8(json.replace('\'', '"').replace("SECRET", SECRET))),
                DeadLetterCode.SCHEMA_VIOLATION);

        assertThat(detail).startsWith(place.trim());
    }

    @ParameterizedTest(name = "{0} in {1}")
    @CsvSource({
            "\\n, type", "\\n, tenant", "\\r, type", "\\t, tenant", "\\u0001, type", "\\u001f, tenant", "\\u001F, type"})
    void rejectsAControlCharacterInTypeOrTenant(String escape, String field) {
        String subject = "{\"type\":\"user\",\"id\":\"" + SECRET + "\",\"tenant\":\"acme\"}";
        String json = "{\"requestId\":\"r\",\"subject\":" + subject.replace(field.equals("type") ? "\"user\"" : "\"acme\"",
                field.equals("type") ? "\"user" + escape + "\"" : "\"ac" + escape + "me\"") + "}";

        String detail = assertMalformed(parser.parse(utf8(json)), DeadLetterCode.SCHEMA_VIOLATION);

        assertThat(detail).startsWith("/subject/" + field + ": ");
    }

    @Test
    void acceptsControlCharactersOtherThanNulInTheIdWhichEndsTheSubjectRefInput() {
        DeletionRequest request = valid("{\"requestId\":\"r\",\"subject\":{\"type\":\"user\",\"id\":\"a\\nb\\u0001\"},"
                + "\"reason\":\"line one\\nline two\"}");

        assertThat(request.subject().id()).isEqualTo("a\nb\u0001");
        assertThat(request.reason()).isEqualTo("line one\nline two");
    }

    @ParameterizedTest
    @ValueSource(strings = {"SECRET\\ud800", "\\udc00SECRET", "SECRET\\ud83d", "\\ude00\\ud83dSECRET", "\\ud800\\ud800\\udc00"})
    void rejectsAnUnpairedSurrogateWhichUtf8WouldTurnIntoAQuestionMark(String id) {
        String json = "{\"requestId\":\"r\",\"subject\":{\"type\":\"user\",\"id\":\"" + id.replace("SECRET", SECRET) + "\"}}";

        String detail = assertMalformed(parser.parse(utf8(json)), DeadLetterCode.SCHEMA_VIOLATION);

        assertThat(detail).isEqualTo("/subject/id: contains an unpaired UTF-16 surrogate");
    }

    @Test
    void rejectsAnUnpairedSurrogateInAFieldName() {
        String json = "{\"requestId\":\"r\",\"subject\":{\"type\":\"user\",\"id\":\"1\"},\"\\udbff\":0}";

        assertThat(assertMalformed(parser.parse(utf8(json)), DeadLetterCode.SCHEMA_VIOLATION))
                .isEqualTo("record: a field name contains an unpaired UTF-16 surrogate");
    }

    // Size -------------------------------------------------------------------------------------------------------

    @Test
    void acceptsARecordOfExactlyTheLimitAndRejectsOneByteMoreBeforeParsing() {
        RequestParser limited = new RequestParser(JsonMapper.builder().build(), 200);

        assertThat(limited.parse(recordOfSize(200))).isInstanceOf(ParsedRecord.Valid.class);
        String detail = assertMalformed(limited.parse(recordOfSize(201)), DeadLetterCode.RECORD_TOO_LARGE);
        assertThat(detail).isEqualTo("record value of 201 bytes is over lethe.intake.max-record-bytes (200)");
        assertMalformed(limited.parse(new byte[201]), DeadLetterCode.RECORD_TOO_LARGE);
    }

    @Test
    void defaultsTo64KiB() {
        assertThat(parser.parse(recordOfSize(65_536))).isInstanceOf(ParsedRecord.Valid.class);
        assertMalformed(parser.parse(recordOfSize(65_537)), DeadLetterCode.RECORD_TOO_LARGE);
    }

    @Test
    void refusesALimitBelowOneByte() {
        assertThatThrownBy(() -> new RequestParser(JsonMapper.builder().build(), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // Never throws -----------------------------------------------------------------------------------------------

    @Test
    void rejectsNestingDeeperThanJacksonAllowsWithoutThrowing() {
        String deep = "[".repeat(5_000) + "]".repeat(5_000);
        String json = "{\"requestId\":\"r\",\"subject\":{\"type\":\"user\",\"id\":\"" + SECRET + "\"},\"x\":" + deep + "}";

        assertThat(assertMalformed(parser.parse(utf8(json)), DeadLetterCode.INVALID_JSON)).startsWith("over a JSON parser limit");
    }

    @Test
    void acceptsModeratelyNestedUnknownFields() {
        String nested = "{\"a\":".repeat(100) + "\"\\ud83d\\ude00\"" + "}".repeat(100);

        valid("{\"requestId\":\"r\",\"subject\":{\"type\":\"user\",\"id\":\"1\"},\"x\":" + nested + "}");
    }

    private static String validJson() {
        return "{\"requestId\":\"r-1\",\"subject\":{\"type\":\"user\",\"id\":\"" + SECRET + "\"}}";
    }

    /** A valid request of exactly {@code size} bytes, padded with its reason. */
    private static byte[] recordOfSize(int size) {
        String head = "{\"requestId\":\"r\",\"subject\":{\"type\":\"user\",\"id\":\"" + SECRET + "\"},\"reason\":\"";
        String tail = "\"}";
        byte[] record = utf8(head + "x".repeat(size - head.length() - tail.length()) + tail);
        assertThat(record).hasSize(size);
        return record;
    }

    /** Asserts the record was rejected with the code and a one-line detail free of subject data; returns it. */
    private static String assertMalformed(ParsedRecord parsed, DeadLetterCode code) {
        assertThat(parsed).isInstanceOf(ParsedRecord.Malformed.class);
        ParsedRecord.Malformed malformed = (ParsedRecord.Malformed) parsed;
        assertThat(malformed.code()).isEqualTo(code);
        assertThat(malformed.detail()).isNotBlank().doesNotContain(SECRET).doesNotContain(SECRET.substring(1))
                .doesNotContain("\n").doesNotContain("\r").doesNotContain("\u0000");
        return malformed.detail();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(first);
        out.writeBytes(second);
        return out.toByteArray();
    }
}
