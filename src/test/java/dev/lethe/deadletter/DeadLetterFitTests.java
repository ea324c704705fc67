package dev.lethe.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DeadLetterFitTests {

    private final DeadLetterFit fit = new DeadLetterFit(10_000);
    private final Map<String, String> headers = Map.of("lethe-error", "RECORD_TOO_LARGE", "lethe-origin", "t-0@1");

    @Test
    void aCopyFitsWhenRecordHeadersAndFramingStayWithinTheProducersLimit() {
        assertThat(fit.fits(new byte[10], new byte[8_000], headers)).isTrue();
    }

    @Test
    void aCopyNearTheLimitDoesNotFitOnceHeadersAndFramingAreCounted() {
        // The record itself is under the limit; the copy with Lethe's headers and the batch framing is not.
        assertThat(fit.fits(new byte[10], new byte[9_500], headers)).isFalse();
    }

    @Test
    void keepsTheKeyWithoutTheValueUnlessTheKeyAloneIsTooLarge() {
        byte[] key = new byte[100];
        assertThat(fit.keyWithoutValue(key, headers)).isSameAs(key);
        assertThat(fit.keyWithoutValue(new byte[20_000], headers)).isNull();
    }
}
