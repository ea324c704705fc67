package dev.lethe.cleaners.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.core.InvalidConfigurationException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The jdbc type's new settings as text: a where's shape, a mask's strategies, the HMAC pads of the subject key. */
class JdbcSettingsRulesTests {

    @ParameterizedTest
    @ValueSource(strings = {"not shared", "visibility <> 'public'", "(a or b) and c", "note <> 'it''s (not) ; -- here'",
            "\"weird \"\" name\" is null", "collection_id not in (select id from collections where shared)"})
    void acceptsOneSelfContainedCondition(String where) {
        assertThat(SqlCondition.checked("docs", where).text()).isEqualTo(where);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "shared) or (true                  | a ')' without its '('",
            "(shared                           | a '(' without its ')'",
            "true; delete from docs            | ';'",
            "true -- and the rest               | a comment",
            "true /* x */                      | a comment",
            "tags ? 'x'                        | '?'",
            "$$x$$ = body                      | '$'",
            "body = 'unterminated              | an unterminated string",
            "\"unterminated                     | an unterminated quoted identifier",
            "body = E'\\'' or true             | a backslash",
    })
    void refusesAnythingThatCouldChangeTheStatementAroundIt(String where, String problem) {
        assertThatThrownBy(() -> SqlCondition.checked("docs", where)).isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("lethe.resources.docs.where must be one SQL condition on the table's columns; it has "
                        + problem + (problem.equals("'?'") ? " (a bound parameter; use jsonb_exists() and the like"
                        + " instead of the ? operators)" : ""));
    }

    @Test
    void noWhereIsNoCondition() {
        assertThat(SqlCondition.checked("docs", null)).isNull();
        assertThat(SqlCondition.checked("docs", "  ")).isNull();
    }

    @Test
    void readsEachMaskStrategy() {
        assertThat(MaskRule.parse("s", "null")).isEqualTo(MaskRule.NULL);
        assertThat(MaskRule.parse("s", "NULL")).isEqualTo(MaskRule.NULL);
        assertThat(MaskRule.parse("s", "")).as("YAML's null").isEqualTo(MaskRule.NULL);
        assertThat(MaskRule.parse("s", "hash")).isEqualTo(MaskRule.HASH);
        assertThat(MaskRule.parse("s", "'redacted'")).isEqualTo(new MaskRule(MaskRule.Kind.LITERAL, "redacted"));
        assertThat(MaskRule.parse("s", "'it''s'")).isEqualTo(new MaskRule(MaskRule.Kind.LITERAL, "it's"));
        assertThat(MaskRule.parse("s", "''")).isEqualTo(new MaskRule(MaskRule.Kind.LITERAL, ""));
        assertThat(MaskRule.parse("s", "'secret'")).hasToString("MaskRule[LITERAL]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"redacted", "'a'b'", "'", "sha256", "'x", "x'", "\"redacted\""})
    void refusesAnythingElseAsAMaskNamingTheSetting(String value) {
        assertThatThrownBy(() -> MaskRule.parse("lethe.resources.orders.mask.email", value))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("lethe.resources.orders.mask.email must be null, hash or a single-quoted SQL"
                        + " string literal");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 63, 64, 65, 200})
    void padsGiveJavasHmacSha256ForKeysOfEveryLength(int keyLength) throws Exception {
        String key = "k".repeat(Math.max(0, keyLength - 1)) + (keyLength > 0 ? "é" : "");
        if (key.isEmpty()) {
            assertThat(HmacPads.of(key).isSet()).isFalse();
            return;
        }
        HmacPads pads = HmacPads.of(key);
        byte[] message = "alice@example.com".getBytes(StandardCharsets.UTF_8);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(pads.inner());
        byte[] inner = sha.digest(message);
        sha.update(pads.outer());
        byte[] viaPads = sha.digest(inner);

        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        assertThat(viaPads).isEqualTo(mac.doFinal(message));
        assertThat(pads.inner()).hasSize(64);
        assertThat(pads).hasToString("HmacPads[set=true]");
    }
}
