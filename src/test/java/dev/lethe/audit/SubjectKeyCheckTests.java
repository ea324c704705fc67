package dev.lethe.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.core.InvalidConfigurationException;
import org.junit.jupiter.api.Test;

class SubjectKeyCheckTests {

    @Test
    void acceptsAKeyOfThirtyTwoBytes() {
        String key = "0123456789abcdef0123456789abcdef";

        assertThat(SubjectKeyCheck.validated(key)).isEqualTo(key);
    }

    @Test
    void countsBytesNotCharacters() {
        String sixteenCharactersOfTwoBytes = "é".repeat(16);

        assertThat(SubjectKeyCheck.validated(sixteenCharactersOfTwoBytes)).isEqualTo(sixteenCharactersOfTwoBytes);
    }

    @Test
    void refusesMissingPlaceholderAndShortKeysNamingTheSettingAndTheVariable() {
        assertThatThrownBy(() -> SubjectKeyCheck.validated(null)).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("lethe.audit.subject-key is not set: set LETHE_SUBJECT_KEY");
        assertThatThrownBy(() -> SubjectKeyCheck.validated("  ")).hasMessageStartingWith("lethe.audit.subject-key is not set");
        assertThatThrownBy(() -> SubjectKeyCheck.validated("${LETHE_SUBJECT_KEY}-padding-to-more-than-32-bytes"))
                .hasMessageStartingWith("lethe.audit.subject-key is an unresolved placeholder")
                .hasMessageContaining("LETHE_SUBJECT_KEY (or lethe.audit.subject-key)");
        assertThatThrownBy(() -> SubjectKeyCheck.validated("x".repeat(31)))
                .hasMessageStartingWith("lethe.audit.subject-key is 31 bytes, shorter than 32")
                .hasMessageEndingWith("openssl rand -hex 32")
                .hasMessageNotContaining("x".repeat(31));
    }
}
