package dev.lethe.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class Rfc3339Tests {

    @Test
    void readsOffsetsLowercaseSeparatorsAndLeapSeconds() {
        assertThat(Rfc3339.instantOrNull("2026-11-23T10:15:30Z")).isEqualTo(Instant.parse("2026-11-23T10:15:30Z"));
        assertThat(Rfc3339.instantOrNull("2026-11-23t12:15:30.5+02:00")).isEqualTo(Instant.parse("2026-11-23T10:15:30.5Z"));
        assertThat(Rfc3339.instantOrNull("2016-12-31T23:59:60Z")).isEqualTo(Instant.parse("2016-12-31T23:59:59Z"));
    }

    @Test
    void cutsFractionsBeyondNanoseconds() {
        assertThat(Rfc3339.instantOrNull("2026-11-23T10:15:30.1234567899Z"))
                .isEqualTo(Instant.parse("2026-11-23T10:15:30.123456789Z"));
    }

    @Test
    void saysWhatItCannotRead() {
        assertThat(Rfc3339.instantOrNull(null)).isNull();
        assertThat(Rfc3339.isReadable(null)).isTrue();
        assertThat(Rfc3339.isReadable("2026-11-23")).isFalse();
    }
}
