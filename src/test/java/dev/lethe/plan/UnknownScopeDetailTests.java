package dev.lethe.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.core.DeletionRequest.Subject;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnknownScopeDetailTests {

    private final Subject subject = new Subject("user", "u-1001", "acme-corp");

    @Test
    void namesEachUnknownNameOnce() {
        assertThat(UnknownScopeDetail.of(List.of("chat_mesages", "nope", "nope"), subject))
                .isEqualTo("unknown scope names: chat_mesages, nope");
    }

    @Test
    void withholdsANameHoldingTheSubjectsIdOrTenant() {
        String detail = UnknownScopeDetail.of(List.of("posts-of-u-1001", "acme-corp", "nope"), subject);

        assertThat(detail).doesNotContain("u-1001").doesNotContain("acme-corp").contains("nope")
                .contains(UnknownScopeDetail.WITHHELD);
    }

    @Test
    void keepsOneShortLineWhateverTheNames() {
        List<String> names = List.of("a\nb\r\u2028c", "x".repeat(10_000), "n1", "n2", "n3", "n4", "n5");

        String detail = UnknownScopeDetail.of(names, subject);

        assertThat(detail).doesNotContain("\n").doesNotContain("\r").doesNotContain("\u2028").contains("a?b??c")
                .endsWith(" and 2 more").hasSizeLessThan(400);
    }
}
