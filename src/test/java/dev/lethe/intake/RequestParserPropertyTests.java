package dev.lethe.intake;

import dev.lethe.core.DeletionRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.lethe.deadletter.DeadLetterCode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Generated records against the parser's promise: every record becomes either a Valid request that satisfies every
 * rule of the contract, or a Malformed one with a code and a one-line detail that names no subject data; never an
 * exception. Where the generator knows what it made (a request with random strings, another encoding, a size around
 * the limit, a duplicate key), the outcome itself is predicted too.
 *
 * <p>Plain JUnit with a seeded {@link Random}, {@value #TRIES} tries per property: a failure names its seed, and
 * {@code -Dlethe.fuzz.seed=N} replays it.
 */
class RequestParserPropertyTests {

    private static final int TRIES = 1_000;
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RequestParser parser = new RequestParser(JSON);

    @Test
    void aRequestWithRandomStringsIsValidExactlyWhenEveryStringKeepsTheRules() {
        forAll((gen, secret) -> {
            Draft draft = Draft.random(gen, secret);
            byte[] record = draft.toJson(gen).getBytes(StandardCharsets.UTF_8);

            ParsedRecord parsed = assertHonest(parser.parse(record), record, secret, RequestParser.DEFAULT_MAX_RECORD_BYTES);

            if (draft.keepsTheRules()) {
                assertThat(parsed).isInstanceOf(ParsedRecord.Valid.class);
                draft.assertReadAs(request(parsed));
            } else {
                assertCode(parsed, DeadLetterCode.SCHEMA_VIOLATION);
            }
            return parsed;
        });
    }

    @Test
    void onlyUtf8WithoutAByteOrderMarkIsRead() {
        forAll((gen, secret) -> {
            Draft draft = Draft.clean(gen, secret);
            String json = draft.toJson(gen);
            Encoding encoding = gen.pick(Encoding.values());
            byte[] record = encoding.encode(json, gen);

            ParsedRecord parsed = assertHonest(parser.parse(record), record, secret, RequestParser.DEFAULT_MAX_RECORD_BYTES);

            switch (encoding) {
                case UTF_8 -> draft.assertReadAs(request(parsed));
                case CESU_8 -> {
                    if (json.codePoints().anyMatch(Character::isSupplementaryCodePoint)) {
                        assertCode(parsed, DeadLetterCode.INVALID_JSON);
                    } else {
                        draft.assertReadAs(request(parsed));
                    }
                }
                case RANDOM_BYTES -> {
                    // Only the promise itself: valid, or malformed with a code and a clean detail.
                }
                default -> assertCode(parsed, DeadLetterCode.INVALID_JSON);
            }
            return parsed;
        });
    }

    @Test
    void aRecordIsReadUpToTheLimitAndRejectedBeyondItWhateverItHolds() {
        forAll((gen, secret) -> {
            int limit = gen.chance(10) ? RequestParser.DEFAULT_MAX_RECORD_BYTES : gen.between(1_000, 5_000);
            RequestParser limited = new RequestParser(JSON, limit);
            int size = limit + gen.between(-3, 3);
            Draft draft = Draft.clean(gen, secret);
            byte[] record = draft.padTo(size, gen);

            ParsedRecord parsed = assertHonest(limited.parse(record), record, secret, limit);

            if (size <= limit) {
                assertThat(parsed).isInstanceOf(ParsedRecord.Valid.class);
            } else {
                assertCode(parsed, DeadLetterCode.RECORD_TOO_LARGE);
            }
            return parsed;
        });
    }

    @Test
    void nestedUnknownFieldsAreReadUnlessAnObjectHoldsAKeyTwiceOrTheyAreTooDeep() {
        forAll((gen, secret) -> {
            Draft draft = Draft.clean(gen, secret);
            Node extra = gen.chance(5) ? Node.chain(gen, gen.chance(50) ? gen.between(400, 480) : gen.between(520, 600))
                    : Node.random(gen, secret, gen.between(0, 12));
            boolean duplicateKnownKey = gen.chance(15);
            String json = draft.toJson(gen, extra, duplicateKnownKey);
            byte[] record = json.getBytes(StandardCharsets.UTF_8);

            ParsedRecord parsed = assertHonest(parser.parse(record), record, secret, RequestParser.DEFAULT_MAX_RECORD_BYTES);

            if (duplicateKnownKey || extra.holdsADuplicateKey() || extra.depth() > 500) {
                assertCode(parsed, DeadLetterCode.INVALID_JSON);
            } else {
                draft.assertReadAs(request(parsed));
            }
            return parsed;
        });
    }

    @Test
    void aMutatedRequestIsEitherStillValidAndKeepsEveryRuleOrRejected() {
        forAll((gen, secret) -> {
            byte[] record = Mutation.apply(Draft.clean(gen, secret).toJson(gen).getBytes(StandardCharsets.UTF_8), gen);

            return assertHonest(parser.parse(record), record, secret, RequestParser.DEFAULT_MAX_RECORD_BYTES);
        });
    }

    // The promise ------------------------------------------------------------------------------------------------

    /** Checks what holds for every outcome, and returns it. */
    private static ParsedRecord assertHonest(ParsedRecord parsed, byte[] record, String secret, int limit) {
        assertThat(parsed).isNotNull();
        if (parsed instanceof ParsedRecord.Malformed malformed) {
            assertThat(malformed.code()).isNotNull();
            assertThat(malformed.detail()).isNotBlank().doesNotContain(secret).hasSizeLessThan(500);
            assertThat(malformed.detail().chars()).as("one printable line").allMatch(c -> c >= 0x20 && c != 0x7F);
        } else {
            assertKeepsEveryRule(((ParsedRecord.Valid) parsed).request(), record, limit);
        }
        return parsed;
    }

    /** Checked independently of the parser's own code: another reading of the bytes, another walk of the strings. */
    private static void assertKeepsEveryRule(DeletionRequest request, byte[] record, int limit) {
        assertThat(record.length).isLessThanOrEqualTo(limit);
        String text = new String(record, StandardCharsets.UTF_8);
        assertThat(text.getBytes(StandardCharsets.UTF_8)).as("strict UTF-8").isEqualTo(record);
        assertThat(text).doesNotStartWith("\uFEFF");
        assertThat(duplicateKeyIn(text)).as("no duplicate key").isFalse();
        allStrings(JSON.readTree(text)).forEach(s -> assertThat(wellFormed(s) && s.indexOf('\0') < 0)
                .as("no NUL or lone surrogate in any string or field name").isTrue());

        assertThat(request.requestId()).matches(REQUEST_ID);
        DeletionRequest.Subject subject = request.subject();
        assertThat(subject.type().codePointCount(0, subject.type().length())).isBetween(1, 64);
        assertThat(subject.id().codePointCount(0, subject.id().length())).isBetween(1, 256);
        assertThat(subject.type().chars()).noneMatch(c -> c < 0x20);
        assertThat(subject.tenant().chars()).noneMatch(c -> c < 0x20);
        // The subjectRef input is unambiguous: it splits back into exactly these parts, and survives UTF-8.
        String subjectRefInput = subject.tenant() + "\n" + subject.type() + "\n" + subject.id();
        assertThat(subjectRefInput.split("\n", 3)).containsExactly(subject.tenant(), subject.type(), subject.id());
        assertThat(new String(subjectRefInput.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).isEqualTo(subjectRefInput);
        request.include().forEach(name -> assertThat(name).isNotEmpty());
        request.exclude().forEach(name -> assertThat(name).isNotEmpty());
    }

    private static DeletionRequest request(ParsedRecord parsed) {
        assertThat(parsed).isInstanceOf(ParsedRecord.Valid.class);
        return ((ParsedRecord.Valid) parsed).request();
    }

    private static void assertCode(ParsedRecord parsed, DeadLetterCode code) {
        assertThat(parsed).isInstanceOf(ParsedRecord.Malformed.class);
        assertThat(((ParsedRecord.Malformed) parsed).code()).isEqualTo(code);
    }

    private static boolean wellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isHighSurrogate(s.charAt(i)) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static List<String> allStrings(JsonNode root) {
        List<String> strings = new ArrayList<>();
        Deque<JsonNode> pending = new ArrayDeque<>(List.of(root));
        while (!pending.isEmpty()) {
            JsonNode node = pending.pop();
            if (node.isString()) {
                strings.add(node.stringValue());
            }
            for (Map.Entry<String, JsonNode> property : node.properties()) {
                strings.add(property.getKey());
                pending.push(property.getValue());
            }
            if (node.isArray()) {
                node.values().forEach(pending::push);
            }
        }
        return strings;
    }

    /** A streaming reading with a key set per open object: no use of Jackson's own duplicate detection. */
    private static boolean duplicateKeyIn(String json) {
        Deque<Set<String>> open = new ArrayDeque<>();
        try (JsonParser reader = JSON.createParser(json)) {
            for (JsonToken token = reader.nextToken(); token != null; token = reader.nextToken()) {
                switch (token) {
                    case START_OBJECT -> open.push(new HashSet<>());
                    case END_OBJECT -> open.pop();
                    case PROPERTY_NAME -> {
                        if (!open.peek().add(reader.currentName())) {
                            return true;
                        }
                    }
                    default -> {
                    }
                }
            }
        }
        return false;
    }

    // Running ----------------------------------------------------------------------------------------------------

    /** One try: generates a record, parses it, checks the outcome and returns it. */
    private interface Property {
        ParsedRecord check(Gen gen, String secret);
    }

    /**
     * Runs {@value #TRIES} tries, then checks that the generator made both valid and malformed records often enough
     * (at least 1% each), so that a property cannot pass by only ever testing one side.
     */
    private static void forAll(Property property) {
        long seed = Long.getLong("lethe.fuzz.seed", new Random().nextLong());
        Gen gen = new Gen(new Random(seed));
        int valid = 0;
        for (int i = 0; i < TRIES; i++) {
            // A subject id no detail can contain by chance: 16 characters drawn from 36.
            String secret = "S" + gen.alphanumeric(15);
            try {
                valid += property.check(gen, secret) instanceof ParsedRecord.Valid ? 1 : 0;
            } catch (AssertionError | RuntimeException e) {
                fail("try " + i + " failed; replay with -Dlethe.fuzz.seed=" + seed, e);
            }
        }
        assertThat(valid).as("valid records among %d tries (seed %d)", TRIES, seed).isBetween(TRIES / 100, TRIES - TRIES / 100);
    }

    // Generators -------------------------------------------------------------------------------------------------

    /** Random choices, biased towards what the rules are about. */
    record Gen(Random random) {

        int between(int min, int max) {
            return min + random.nextInt(max - min + 1);
        }

        boolean chance(int percent) {
            return random.nextInt(100) < percent;
        }

        @SafeVarargs
        final <T> T pick(T... values) {
            return values[random.nextInt(values.length)];
        }

        String alphanumeric(int length) {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < length; i++) {
                out.append("abcdefghijklmnopqrstuvwxyz0123456789".charAt(random.nextInt(36)));
            }
            return out.toString();
        }

        /** Any string: ASCII, quotes, controls, NUL, lone surrogates, non-BMP characters, other BMP characters. */
        String anyString(int min, int max) {
            StringBuilder out = new StringBuilder();
            int length = between(min, max);
            for (int i = 0; i < length; i++) {
                int kind = random.nextInt(100);
                if (kind < 40) {
                    out.append((char) between(0x20, 0x7E));
                } else if (kind < 48) {
                    out.append(pick('"', '\\', '/'));
                } else if (kind < 58) {
                    out.append((char) between(0x01, 0x1F));
                } else if (kind < 63) {
                    out.append('\0');
                } else if (kind < 71) {
                    out.append((char) between(0xD800, 0xDFFF));
                } else if (kind < 81) {
                    out.appendCodePoint(between(0x10000, 0x10FFFF));
                } else if (kind < 86) {
                    out.append(pick('\u007F', '\uFEFF', '\u2028', '\u00A0', '\uFFFF', '\uFFFE'));
                } else {
                    out.append((char) pick(between(0x80, 0xD7FF), between(0xE000, 0xFFFD)).intValue());
                }
            }
            return out.toString();
        }

        /** A string that keeps every rule: no control character, no lone surrogate. */
        String cleanString(int min, int max) {
            return anyString(min, max).codePoints()
                    .filter(c -> c >= 0x20 && !Character.isSurrogate((char) c) || Character.isSupplementaryCodePoint(c))
                    .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                    .toString()
                    .concat("x".repeat(min));
        }

        /** A JSON string literal, with each character written raw or escaped at random (lone surrogates: escaped). */
        String quote(String value) {
            StringBuilder out = new StringBuilder("\"");
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                boolean pair = Character.isHighSurrogate(c) && i + 1 < value.length()
                        && Character.isLowSurrogate(value.charAt(i + 1));
                if (pair && chance(70)) {
                    out.append(c).append(value.charAt(++i));
                } else if (c == '"' || c == '\\') {
                    out.append('\\').append(c);
                } else if (c == '\n' && chance(50)) {
                    out.append("\\n");
                } else if (c < 0x20 || Character.isSurrogate(c) || chance(5)) {
                    out.append(String.format(chance(50) ? "\\u%04x" : "\\u%04X", (int) c));
                } else {
                    out.append(c);
                }
            }
            return out.append('"').toString();
        }
    }

    /** A request the generator writes field by field, knowing which rules each field keeps. */
    record Draft(String requestId, String type, String id, String tenant, List<String> include, String reason,
            String extraName, String extraValue) {

        static Draft random(Gen gen, String secret) {
            return new Draft(
                    gen.chance(80) ? gen.alphanumeric(gen.between(1, 20)) + gen.pick("", ".", ":", "-", "_") : gen.anyString(0, 10),
                    gen.chance(50) ? "user" : gen.anyString(0, 12),
                    secret + (gen.chance(50) ? "" : gen.anyString(0, 12)),
                    gen.chance(30) ? null : gen.anyString(0, 12),
                    gen.chance(50) ? null : List.of(gen.anyString(0, 8), gen.anyString(0, 8)).subList(0, gen.between(0, 2)),
                    gen.chance(50) ? null : gen.anyString(0, 20),
                    gen.chance(50) ? null : "x-" + gen.pick("", secret) + gen.anyString(0, 6),
                    gen.anyString(0, 12));
        }

        static Draft clean(Gen gen, String secret) {
            return new Draft(gen.alphanumeric(gen.between(1, 20)), gen.cleanString(1, 12), secret + gen.cleanString(0, 12),
                    gen.chance(30) ? null : gen.cleanString(0, 12), gen.chance(50) ? null : List.of(gen.cleanString(1, 8)),
                    gen.chance(50) ? null : gen.cleanString(0, 20), gen.chance(50) ? null : "x-" + gen.cleanString(0, 6),
                    gen.cleanString(0, 12));
        }

        boolean keepsTheRules() {
            return REQUEST_ID.matcher(requestId).matches()
                    && length(type) >= 1 && length(type) <= 64 && noControl(type) && wellFormed(type)
                    && noNul(id) && wellFormed(id)
                    && (tenant == null || noControl(tenant) && wellFormed(tenant))
                    && (include == null || !include.isEmpty() && include.stream().allMatch(name -> !name.isEmpty() && noNul(name) && wellFormed(name)))
                    && (reason == null || noNul(reason) && wellFormed(reason))
                    && (extraName == null || noNul(extraName) && wellFormed(extraName) && noNul(extraValue) && wellFormed(extraValue));
        }

        void assertReadAs(DeletionRequest request) {
            assertThat(request.requestId()).isEqualTo(requestId);
            assertThat(request.subject().type()).isEqualTo(type);
            assertThat(request.subject().id()).isEqualTo(id);
            assertThat(request.subject().tenant()).isEqualTo(tenant == null ? "" : tenant);
            assertThat(request.include()).isEqualTo(include == null ? List.of() : include);
            assertThat(request.reason()).isEqualTo(reason);
        }

        String toJson(Gen gen) {
            return toJson(gen, null, false);
        }

        String toJson(Gen gen, Node extra, boolean duplicateKnownKey) {
            List<String> members = new ArrayList<>();
            members.add(gen.quote("requestId") + ":" + gen.quote(requestId));
            String subject = gen.quote("type") + ":" + gen.quote(type) + "," + gen.quote("id") + ":" + gen.quote(id)
                    + (tenant == null ? "" : "," + gen.quote("tenant") + ":" + gen.quote(tenant));
            boolean duplicateInSubject = duplicateKnownKey && gen.chance(50);
            if (duplicateInSubject) {
                subject += "," + gen.quote(gen.pick("type", "id")) + ":" + gen.quote("other");
            }
            members.add(gen.quote("subject") + ":{" + subject + "}");
            if (include != null) {
                members.add(gen.quote("scope") + ":{" + gen.quote("include") + ":["
                        + String.join(",", include.stream().map(gen::quote).toList()) + "]}");
            }
            if (reason != null) {
                members.add(gen.quote("reason") + ":" + gen.quote(reason));
            }
            if (extraName != null) {
                members.add(gen.quote(extraName) + ":" + gen.quote(extraValue));
            }
            if (extra != null) {
                members.add(gen.quote("extra") + ":" + extra.toJson(gen));
            }
            if (duplicateKnownKey && !duplicateInSubject) {
                members.add(gen.pick(gen.quote("requestId") + ":" + gen.quote("r"),
                        gen.quote("subject") + ":{" + gen.quote("type") + ":\"user\"," + gen.quote("id") + ":\"1\"}"));
            }
            Collections.shuffle(members, gen.random());
            String space = gen.pick("", " ", "\n", "\r\n\t ");
            return "{" + space + String.join("," + space, members) + space + "}";
        }

        /** The request as UTF-8 bytes, padded with a reason (of 1 to 4 byte characters) to exactly {@code size} bytes. */
        byte[] padTo(int size, Gen gen) {
            String json = new Draft(requestId, type, id, tenant, include, null, extraName, extraValue).toJson(gen);
            String head = json.substring(0, json.lastIndexOf('}')) + ",\"reason\":\"";
            int room = size - utf8Length(head + "\"}");
            assertThat(room).as("a draft fits the smallest limit").isNotNegative();
            StringBuilder padding = new StringBuilder();
            int used = 0;
            while (room - used >= 4) {
                int c = gen.pick((int) 'a', (int) 'é', (int) '€', 0x1F600);
                padding.appendCodePoint(c);
                used += utf8Length(Character.toString(c));
            }
            padding.append("b".repeat(room - used));
            byte[] record = (head + padding + "\"}").getBytes(StandardCharsets.UTF_8);
            assertThat(record).hasSize(size);
            return record;
        }

        private static int utf8Length(CharSequence text) {
            return text.toString().getBytes(StandardCharsets.UTF_8).length;
        }

        private static int length(String s) {
            return s.codePointCount(0, s.length());
        }

        private static boolean noNul(String s) {
            return s.indexOf('\0') < 0;
        }

        private static boolean noControl(String s) {
            return s.chars().noneMatch(c -> c < 0x20);
        }
    }

    /** A JSON value for an unknown field, built so the generator knows its keys and depth. */
    sealed interface Node {

        static Node random(Gen gen, String secret, int depth) {
            if (depth == 0 || gen.chance(30)) {
                return new Leaf(gen.pick("1", "-2.5e3", "true", "false", "null", gen.quote(gen.cleanString(0, 6))));
            }
            List<Node> children = new ArrayList<>();
            for (int i = gen.between(0, 4); i > 0; i--) {
                children.add(random(gen, secret, depth - 1));
            }
            if (gen.chance(50)) {
                return new Array(children);
            }
            List<String> keys = new ArrayList<>();
            children.forEach(child -> keys.add(gen.pick("a", "b", "id", "subject", secret, "é", "\uD83D\uDE00")));
            return new Obj(keys, children);
        }

        /** Arrays nested {@code depth} deep. */
        static Node chain(Gen gen, int depth) {
            Node node = new Leaf("0");
            for (int i = 0; i < depth; i++) {
                node = new Array(List.of(node));
            }
            return node;
        }

        String toJson(Gen gen);

        /** The nesting depth of a record that holds this node in a top-level field: the top-level object counts 1. */
        int depth();

        boolean holdsADuplicateKey();
    }

    record Leaf(String json) implements Node {
        public String toJson(Gen gen) {
            return json;
        }

        public int depth() {
            return 1;
        }

        public boolean holdsADuplicateKey() {
            return false;
        }
    }

    record Array(List<Node> elements) implements Node {
        public String toJson(Gen gen) {
            StringBuilder out = new StringBuilder("[");
            for (int i = 0; i < elements.size(); i++) {
                out.append(i == 0 ? "" : ",").append(elements.get(i).toJson(gen));
            }
            return out.append(']').toString();
        }

        public int depth() {
            return 1 + elements.stream().mapToInt(Node::depth).max().orElse(1);
        }

        public boolean holdsADuplicateKey() {
            return elements.stream().anyMatch(Node::holdsADuplicateKey);
        }
    }

    record Obj(List<String> keys, List<Node> values) implements Node {
        public String toJson(Gen gen) {
            StringBuilder out = new StringBuilder("{");
            for (int i = 0; i < keys.size(); i++) {
                out.append(i == 0 ? "" : ",").append(gen.quote(keys.get(i))).append(':').append(values.get(i).toJson(gen));
            }
            return out.append('}').toString();
        }

        public int depth() {
            return 1 + values.stream().mapToInt(Node::depth).max().orElse(1);
        }

        public boolean holdsADuplicateKey() {
            return new HashSet<>(keys).size() < keys.size() || values.stream().anyMatch(Node::holdsADuplicateKey);
        }
    }

    /** Encodings a sender might use by mistake. */
    enum Encoding {
        UTF_8, UTF_8_BOM, UTF_16LE, UTF_16LE_BOM, UTF_16BE, UTF_16BE_BOM, UTF_32LE, UTF_32BE_BOM, CESU_8, RANDOM_BYTES;

        byte[] encode(String json, Gen gen) {
            return switch (this) {
                case UTF_8 -> json.getBytes(StandardCharsets.UTF_8);
                case UTF_8_BOM -> ("\uFEFF" + json).getBytes(StandardCharsets.UTF_8);
                case UTF_16LE -> json.getBytes(StandardCharsets.UTF_16LE);
                case UTF_16LE_BOM -> ("\uFEFF" + json).getBytes(StandardCharsets.UTF_16LE);
                case UTF_16BE -> json.getBytes(StandardCharsets.UTF_16BE);
                case UTF_16BE_BOM -> json.getBytes(StandardCharsets.UTF_16);
                case UTF_32LE -> json.getBytes(Charset.forName("UTF-32LE"));
                case UTF_32BE_BOM -> ("\uFEFF" + json).getBytes(Charset.forName("UTF-32BE"));
                case CESU_8 -> cesu8(json);
                case RANDOM_BYTES -> {
                    byte[] bytes = new byte[gen.between(0, 300)];
                    gen.random().nextBytes(bytes);
                    yield bytes;
                }
            };
        }

        /** Each UTF-16 unit encoded on its own, as Java's modified UTF-8 does: a non-BMP character becomes 6 bytes. */
        private static byte[] cesu8(String text) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (char c : text.toCharArray()) {
                if (c < 0x80) {
                    out.write(c);
                } else if (c < 0x800) {
                    out.write(0xC0 | c >> 6);
                    out.write(0x80 | c & 0x3F);
                } else {
                    out.write(0xE0 | c >> 12);
                    out.write(0x80 | c >> 6 & 0x3F);
                    out.write(0x80 | c & 0x3F);
                }
            }
            return out.toByteArray();
        }
    }

    /** Random damage to a record's bytes. */
    static final class Mutation {

        private static final byte[] INTERESTING = {0x00, '"', '\\', '{', '}', '[', ',', ':', '\n', (byte) 0xC0, (byte) 0xED,
                (byte) 0xEF, (byte) 0xFF, (byte) 0x80};
        private static final String[] INSERTS = {"\\u0000", "\\ud800", "\\udfff", "\\n", "\"", "\\", "\uFEFF", "😀", "\u0000"};

        private Mutation() {
        }

        static byte[] apply(byte[] record, Gen gen) {
            byte[] bytes = record;
            for (int n = gen.between(1, 4); n > 0 && bytes.length > 0; n--) {
                int at = gen.random().nextInt(bytes.length);
                bytes = switch (gen.random().nextInt(6)) {
                    case 0 -> flipBit(bytes, at, gen);
                    case 1 -> replace(bytes, at, INTERESTING[gen.random().nextInt(INTERESTING.length)]);
                    case 2 -> splice(bytes, at, Math.min(bytes.length, at + gen.between(1, 8)), new byte[0]);
                    case 3 -> splice(bytes, at, at, Arrays.copyOfRange(bytes, at, Math.min(bytes.length, at + gen.between(1, 40))));
                    case 4 -> splice(bytes, at, at, gen.pick(INSERTS).getBytes(StandardCharsets.UTF_8));
                    default -> Arrays.copyOf(bytes, at);
                };
            }
            return bytes;
        }

        private static byte[] flipBit(byte[] bytes, int at, Gen gen) {
            return replace(bytes, at, (byte) (bytes[at] ^ 1 << gen.random().nextInt(8)));
        }

        private static byte[] replace(byte[] bytes, int at, byte value) {
            byte[] copy = bytes.clone();
            copy[at] = value;
            return copy;
        }

        private static byte[] splice(byte[] bytes, int from, int to, byte[] insert) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(bytes, 0, from);
            out.writeBytes(insert);
            out.write(bytes, to, bytes.length - to);
            return out.toByteArray();
        }
    }
}
