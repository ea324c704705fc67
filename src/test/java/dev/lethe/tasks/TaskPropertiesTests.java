package dev.lethe.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.core.InvalidConfigurationException;
import dev.lethe.core.StageHealth;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.junit.jupiter.api.Test;

/** The task settings' defaults and the rules between them, and when a claimed task may still start. */
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
    void theDefaultsAreTheOnesTheReadmeDocuments() {
        TaskProperties defaults = new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("lethe.tasks", TaskProperties.class);

        assertThat(defaults.lease()).isEqualTo(Duration.ofSeconds(20));
        assertThat(defaults.heartbeatInterval()).isEqualTo(Duration.ofSeconds(4));
        assertThat(defaults.leaseCheckInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(defaults.concurrency()).isEqualTo(16);
        assertThat(defaults.claimBatch()).isEqualTo(64);
        assertThat(defaults.cleanerBatch()).isEqualTo(32);
        assertThat(defaults.planningBatch()).isEqualTo(100);
        assertThat(defaults.pollInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(defaults.maxAttempts()).isEqualTo(12);
        assertThat(defaults.shutdownTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aTaskStartsOnlyWithHalfALeaseToSpareSinceItsLeaseWasLastWritten() {
        Instant claimed = Instant.parse("2026-11-30T10:00:00Z");
        LeaseHeartbeat heartbeat = new LeaseHeartbeat(null, new HeldTasks(), Clock.fixed(claimed, ZoneOffset.UTC),
                WorkerIdentity.ofThisProcess(), withLease(Duration.ofSeconds(20), Duration.ofSeconds(4)),
                new StageHealth(Clock.systemUTC(), Duration.ofMinutes(1)));

        assertThat(heartbeat.mayStart(claimed, claimed.plusSeconds(9))).isTrue();
        assertThat(heartbeat.mayStart(claimed, claimed.plusSeconds(10))).as("half the lease gone, no renewal").isFalse();
    }

    private static TaskProperties withLease(Duration lease, Duration heartbeat) {
        return new TaskProperties(8, 64, 32, 100, Duration.ofMillis(500), lease, heartbeat, Duration.ofSeconds(2), 12,
                Duration.ofHours(2), Duration.ofSeconds(5), Duration.ofMinutes(5), 2.0, Duration.ofSeconds(30));
    }
}
