package dev.lethe.deadlines;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OverdueSweepTests {

    @Test
    void checksATenthOfTheDeadlineBetweenATenthOfASecondAndAMinute() {
        assertThat(OverdueSweep.intervalFor(Duration.ofSeconds(3))).isEqualTo(Duration.ofMillis(300));
        assertThat(OverdueSweep.intervalFor(Duration.ofMillis(10))).isEqualTo(Duration.ofMillis(100));
        assertThat(OverdueSweep.intervalFor(Duration.ofDays(30))).isEqualTo(Duration.ofMinutes(1));
    }
}
