package dev.lethe.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CompliancePropertiesTests {

    private final ComplianceProperties compliance = new ComplianceProperties(Duration.ofDays(30));

    @Test
    void countsTheDeadlineFromWhenTheSenderAsked() {
        assertThat(compliance.dueAt(Instant.parse("2026-11-23T10:15:30Z"), Instant.parse("2026-11-25T00:00:00Z")))
                .isEqualTo(Instant.parse("2026-12-23T10:15:30Z"));
    }

    @Test
    void countsTheDeadlineFromWhenLetheFirstReadARequestThatDoesNotSayWhenItWasAsked() {
        assertThat(compliance.dueAt(null, Instant.parse("2026-11-25T00:00:00Z")))
                .isEqualTo(Instant.parse("2026-12-25T00:00:00Z"));
    }

    @Test
    void refusesADeadlineThatIsNotPositiveNamingTheSetting() {
        assertThatThrownBy(() -> new ComplianceProperties(Duration.ZERO)).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("lethe.compliance.deadline (PT0S) must be a positive ISO-8601 duration");
        assertThatThrownBy(() -> new ComplianceProperties(Duration.ofDays(-1)))
                .isInstanceOf(InvalidConfigurationException.class);
    }
}
