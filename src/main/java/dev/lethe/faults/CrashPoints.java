package dev.lethe.faults;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fault injection for the crash-safety tests: with {@code -Dlethe.crash-at=<CrashPoint>} (and optionally
 * {@code -Dlethe.crash-after=<n>}, default 1) the worker halts the n-th time it reaches that point, exactly as a
 * {@code kill -9} would (no shutdown hooks, nothing flushed). Without the property every call is a no-op.
 */
public final class CrashPoints {

    /** Exit status of a halted worker (128 + SIGKILL, as a shell reports a kill -9). */
    public static final int HALT_STATUS = 137;

    private static final CrashPoint ARMED = armed();
    private static final AtomicInteger REMAINING = new AtomicInteger(Integer.getInteger("lethe.crash-after", 1));

    private CrashPoints() {
    }

    public static void reach(CrashPoint point) {
        if (point == ARMED && REMAINING.decrementAndGet() == 0) {
            Runtime.getRuntime().halt(HALT_STATUS);
        }
    }

    private static CrashPoint armed() {
        String name = System.getProperty("lethe.crash-at");
        return name == null || name.isBlank() ? null : CrashPoint.valueOf(name);
    }
}
