package dev.lethe.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;

class StageHealthTests {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-30T12:00:00Z"));
    private final StageHealth stages = new StageHealth(clock, Duration.ofSeconds(60));

    @Test
    void aStageFailingForLessThanTheThresholdIsFailingButNotStalled() {
        stages.failed("planning", new IllegalStateException("boom"));
        clock.move(Duration.ofSeconds(59));
        stages.failed("planning", new IllegalStateException("boom"));

        assertThat(stages.failing()).containsOnlyKeys("planning");
        assertThat(stages.failing().get("planning").failures()).isEqualTo(2);
        assertThat(stages.stalled()).isEmpty();
    }

    @Test
    void aStageFailingForTheThresholdIsStalledWithItsCauseAndNoValues() {
        SQLException refused = new SQLException("value 'secret-id' is not allowed", "23514");
        stages.failed("intake", new DataIntegrityViolationException("insert of 'secret-id' failed", refused));
        clock.move(Duration.ofSeconds(60));
        stages.failed("intake", new DataIntegrityViolationException("insert of 'secret-id' failed", refused));

        assertThat(stages.stalled()).containsOnlyKeys("intake");
        assertThat(stages.stalled().get("intake").cause()).contains("23514").doesNotContain("secret-id");
        assertThat(stages.stalled().get("intake").reportedAt()).isEqualTo(clock.instant());
    }

    @Test
    void oneSuccessfulRoundClearsTheStage() {
        stages.failed("outbox-relay", new IllegalStateException("boom"));
        clock.move(Duration.ofMinutes(5));
        stages.failed("outbox-relay", new IllegalStateException("boom"));

        stages.succeeded("outbox-relay");

        assertThat(stages.failing()).isEmpty();
        assertThat(stages.stalled()).isEmpty();
    }

    @Test
    void stagesAreTrackedApart() {
        stages.failed("planning", new IllegalStateException("boom"));
        clock.move(Duration.ofMinutes(2));
        stages.failed("planning", new IllegalStateException("boom"));
        stages.failed("task-claims", new IllegalStateException("boom"));

        assertThat(stages.stalled()).containsOnlyKeys("planning");
        assertThat(stages.failing()).containsOnlyKeys("planning", "task-claims");
    }

    static final class MovableClock extends Clock {

        private Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void move(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
