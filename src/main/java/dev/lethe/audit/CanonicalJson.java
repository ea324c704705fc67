package dev.lethe.audit;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The canonical form an audit event is hashed in (contract v1.2, tamper evidence): keys sorted at every depth by
 * Unicode code point (the order of their UTF-8 bytes), no whitespace, numbers exactly as written, strings as UTF-8
 * with only {@code "}, backslash and U+0000-U+001F escaped (the short escapes b f n r t, otherwise a {@code u00xx}
 * escape in lowercase hex). This is what {@code python3 -c 'json.dumps(e, sort_keys=True, separators=(",", ":"), ensure_ascii=False)'}
 * prints, and {@code jq -cS} for every event Lethe writes, so anyone can recompute a chain without Lethe.
 */
public final class CanonicalJson {

    /** Strict: an object holding a key twice has no single canonical form. */
    private static final JsonMapper STRICT = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private CanonicalJson() {
    }

    /** The canonical text of a JSON object, leaving out its top-level field {@code omitted} (null: none). */
    public static String of(String json, String omitted) {
        try (JsonParser parser = STRICT.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("not a JSON object");
            }
            StringBuilder out = new StringBuilder(json.length());
            writeObject(parser, out, omitted);
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException("content after the JSON object");
            }
            return out.toString();
        }
    }

    private static void writeValue(JsonParser parser, StringBuilder out) {
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT -> writeObject(parser, out, null);
            case START_ARRAY -> writeArray(parser, out);
            case VALUE_STRING -> writeString(parser.getString(), out);
            // The number's own text: no conversion may turn 1.10 into 1.1 or a long into a double.
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> out.append(parser.getString());
            case VALUE_TRUE -> out.append("true");
            case VALUE_FALSE -> out.append("false");
            case VALUE_NULL -> out.append("null");
            default -> throw new IllegalArgumentException("unexpected JSON token " + token);
        }
    }

    /**
     * Writes each field where it comes and reorders only an object whose keys came out of order: no map and no
     * buffer per value, since every audit event the worker writes is put in this form once.
     */
    private static void writeObject(JsonParser parser, StringBuilder out, String omitted) {
        out.append('{');
        int bodyStart = out.length();
        List<Field> fields = new ArrayList<>();
        boolean sorted = true;
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            if (name.equals(omitted)) {
                parser.skipChildren();
                continue;
            }
            if (!fields.isEmpty()) {
                out.append(',');
                sorted &= byCodePoint(fields.get(fields.size() - 1).name(), name) < 0;
            }
            int fieldStart = out.length();
            writeString(name, out);
            out.append(':');
            writeValue(parser, out);
            fields.add(new Field(name, fieldStart, out.length()));
        }
        if (!sorted) {
            String body = out.substring(bodyStart);
            out.setLength(bodyStart);
            fields.sort((a, b) -> byCodePoint(a.name(), b.name()));
            for (int i = 0; i < fields.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(body, fields.get(i).start() - bodyStart, fields.get(i).end() - bodyStart);
            }
        }
        out.append('}');
    }

    /** A field as written: its key, and where its {@code "key":value} text starts and ends in the output. */
    private record Field(String name, int start, int end) {
    }

    private static void writeArray(JsonParser parser, StringBuilder out) {
        out.append('[');
        boolean first = true;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (!first) {
                out.append(',');
            }
            first = false;
            writeValue(parser, out);
        }
        out.append(']');
    }

    private static void writeString(String value, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** UTF-16 order differs from code point order above U+FFFF; code point order is the UTF-8 byte order. */
    private static int byCodePoint(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
