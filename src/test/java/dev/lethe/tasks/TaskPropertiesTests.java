package dev.lethe.tasks;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.core.InvalidConfigurationException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TaskPropertiesTests {

    @Test
    void aHeartbeatOfHalfTheLeaseOrMoreStopsStartUpNamingTheSetting() {
        assertThatThrownBy(() -> withLease(Duration.ofSeconds(20), Duration.ofSeconds(10)))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("lethe.tasks.heartbeat-interval").hasMessageContaining("lethe.tasks.lease");
        assertThatThrownBy(() -> withLease(Duration.ofSeconds(20), Duration.ZERO))
                .isInstanceOf(InvalidConfigurationException.class);
    }

    @Test
    void theDefaultsRenewFiveTimesPerLease() {
        assertThatCode(() -> withLease(Duration.ofSeconds(20), Duration.ofSeconds(4))).doesNotThrowAnyException();
    }

    private static TaskProperties withLease(Duration lease, Duration heartbeat) {
        return new TaskProperties(8, 64, 32, 100, Duration.ofMillis(500), lease, heartbeat, Duration.ofSeconds(2), 12,
                Duration.ofHours(2), Duration.ofSeconds(5), Duration.ofMinutes(5), 2.0, Duration.ofSeconds(30));
    }
}
