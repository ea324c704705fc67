package dev.lethe.audit;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One record of the audit topic as read, parsed or not: the topic is read by people and tools that must survive
 * whatever a misconfigured producer wrote there, so a record that is not an audit-shaped JSON object is kept with
 * why ({@link #problem()}) instead of failing the read.
 *
 * @param position {@code topic-partition@offset}, where the record is
 * @param json the value as UTF-8 text, exactly the bytes written; null when the value is absent or not UTF-8
 * @param event the value as a JSON object; null when unreadable
 * @param problem why the record is unreadable (never quoting its content); null when readable
 */
public record AuditRecord(String position, String json, JsonNode event, String problem) {

    /** Strict as intake is: a key twice or trailing content could show one reader a different event than another. */
    private static final JsonMapper STRICT_JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    public static AuditRecord of(ConsumerRecord<byte[], byte[]> record) {
        String position = record.topic() + "-" + record.partition() + "@" + record.offset();
        if (record.value() == null || record.value().length == 0) {
            return new AuditRecord(position, null, null, "empty value");
        }
        String json;
        try {
            json = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(record.value())).toString();
        } catch (CharacterCodingException e) {
            return new AuditRecord(position, null, null, "not UTF-8");
        }
        JsonNode event;
        try {
            event = STRICT_JSON.readTree(json);
        } catch (JacksonException e) {
            // The parser's message quotes the content, which may be anything: only the place is reported.
            return new AuditRecord(position, json, null, "not valid JSON" + where(e));
        }
        if (event == null || !event.isObject()) {
            return new AuditRecord(position, json, null, "not a JSON object");
        }
        return new AuditRecord(position, json, event, null);
    }

    /** {@code topic-partition}: the part of the position that one request's events share (they share a key). */
    public String partition() {
        int at = position.lastIndexOf('@');
        return at < 0 ? position : position.substring(0, at);
    }

    private static String where(JacksonException e) {
        return e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }

    public boolean readable() {
        return event != null;
    }
}
