package dev.lethe.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.core.DeletionRequest;
import dev.lethe.core.DeletionRequest.Mode;
import dev.lethe.core.DeletionRequest.Subject;
import dev.lethe.core.InvalidConfigurationException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class GracePeriodPropertiesTests {

    private static final Instant RECEIVED = Instant.parse("2026-11-30T10:00:00Z");

    @Test
    void noGracePeriodByDefaultMeansNoExecuteAfter() {
        assertThat(new GracePeriodProperties(Duration.ZERO).executeAfter(request(null), RECEIVED)).isNull();
    }

    @Test
    void countsTheGracePeriodFromWhenTheRequestWasRead() {
        assertThat(new GracePeriodProperties(Duration.ofDays(7)).executeAfter(request(null), RECEIVED))
                .isEqualTo(Instant.parse("2026-12-07T10:00:00Z"));
    }

    @Test
    void theRequestsOwnExecuteAfterWinsEvenWhenEarlier() {
        Instant own = Instant.parse("2026-11-30T09:00:00Z");

        assertThat(new GracePeriodProperties(Duration.ofDays(7)).executeAfter(request(own), RECEIVED)).isEqualTo(own);
    }

    @Test
    void refusesANegativeGracePeriodNamingTheSetting() {
        assertThatThrownBy(() -> new GracePeriodProperties(Duration.ofHours(-1)))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("lethe.compliance.grace-period");
    }

    private static DeletionRequest request(Instant executeAfter) {
        return new DeletionRequest("r", new Subject("user", "1", ""), Mode.HARD, List.of(), List.of(), false, null, null,
                null, executeAfter, false, null);
    }
}
