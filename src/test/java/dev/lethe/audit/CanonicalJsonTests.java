package dev.lethe.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class CanonicalJsonTests {

    @Test
    void sortsKeysAtEveryDepthAndDropsWhitespace() {
        String json = "{ \"b\" : 1, \"a\" : { \"z\" : [ { \"y\" : true, \"x\" : null } ], \"m\" : false } }";

        assertThat(CanonicalJson.of(json, null)).isEqualTo("{\"a\":{\"m\":false,\"z\":[{\"x\":null,\"y\":true}]},\"b\":1}");
    }

    @Test
    void leavesOutOnlyTheTopLevelFieldNamed() {
        String json = "{\"chainHash\":\"abc\",\"summary\":{\"chainHash\":1},\"eventId\":\"e\"}";

        assertThat(CanonicalJson.of(json, "chainHash")).isEqualTo("{\"eventId\":\"e\",\"summary\":{\"chainHash\":1}}");
    }

    @Test
    void keepsNumbersAsWritten() {
        assertThat(CanonicalJson.of("{\"a\":1.10,\"b\":-0,\"c\":12345678901234567890123,\"d\":1e2}", null))
                .isEqualTo("{\"a\":1.10,\"b\":-0,\"c\":12345678901234567890123,\"d\":1e2}");
    }

    @Test
    void writesUnicodeAsUtf8AndEscapesOnlyQuotesBackslashesAndControlCharacters() {
        String json = "{\"s\":\"caf\\u00e9 \\ud83d\\ude00 / \\\" \\\\ \\n\\t\\u0001\\u007f\"}";

        assertThat(CanonicalJson.of(json, null)).isEqualTo("{\"s\":\"café 😀 / \\\" \\\\ \\n\\t\\u0001\u007f\"}");
    }

    @Test
    void sortsKeysByCodePointNotByUtf16Unit() {
        // U+FB01 sorts before U+1F600 by code point, after it by UTF-16 code unit (a surrogate, 0xD83D).
        String json = "{\"😀\":1,\"ﬁ\":2,\"Z\":3,\"a\":4}";

        assertThat(CanonicalJson.of(json, null)).isEqualTo("{\"Z\":3,\"a\":4,\"ﬁ\":2,\"😀\":1}");
    }

    @Test
    void refusesWhatHasNoSingleCanonicalForm() {
        assertThatThrownBy(() -> CanonicalJson.of("{\"a\":1,\"a\":2}", null)).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> CanonicalJson.of("[1]", null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void chainsAnEventToItsPredecessorAsTheContractSays() throws Exception {
        String canonical = "{\"a\":1}";
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(("0".repeat(64) + "\n" + canonical).getBytes(StandardCharsets.UTF_8)));

        assertThat(ChainHash.next(null, canonical)).isEqualTo(expected).matches("[0-9a-f]{64}");
        assertThat(ChainHash.next(expected, canonical)).isNotEqualTo(expected);
    }
}
