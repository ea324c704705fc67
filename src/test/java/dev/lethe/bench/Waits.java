package dev.lethe.bench;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.Callable;
import org.awaitility.core.ConditionTimeoutException;

/** The benchmark's waits: a condition polled with a time limit (Awaitility), never a bare sleep. */
final class Waits {

    private Waits() {
    }

    /** Polls {@code condition} every {@code poll} until it holds; false when {@code limit} passed first. */
    static boolean until(Duration limit, Duration poll, Callable<Boolean> condition) {
        if (limit.isNegative() || limit.isZero()) {
            return callQuietly(condition);
        }
        try {
            await().atMost(limit).pollDelay(Duration.ZERO).pollInterval(poll).until(condition);
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }

    /** Until {@code condition} holds or {@code deadlineNanos} ({@link System#nanoTime()}) passed. */
    static boolean untilDeadline(long deadlineNanos, Duration poll, Callable<Boolean> condition) {
        return until(Duration.ofNanos(deadlineNanos - System.nanoTime()), poll, condition);
    }

    /** Until the clock reaches {@code instantNanos}: the end of a stretch of work being measured. */
    static void untilTime(long instantNanos) {
        until(Duration.ofNanos(instantNanos - System.nanoTime()).plusSeconds(1), Duration.ofMillis(50),
                () -> System.nanoTime() >= instantNanos);
    }

    private static boolean callQuietly(Callable<Boolean> condition) {
        try {
            return Boolean.TRUE.equals(condition.call());
        } catch (Exception e) {
            return false;
        }
    }
}
