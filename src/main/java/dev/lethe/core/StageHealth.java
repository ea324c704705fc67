package dev.lethe.core;

import dev.lethe.core.SafeErrors;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which stages (intake, planning, task claims, results, the outbox relay) keep failing, since when and why. A stage
 * retries a transient error without limit, which is right for an outage and wrong for a fault that never clears:
 * once a stage has failed for longer than the threshold it is reported as stalled (health, a WARN line with the
 * cause and no values), so that retrying is never the same as silently stopping.
 */
public final class StageHealth {

    private static final Logger log = LoggerFactory.getLogger(StageHealth.class);

    private final Clock clock;
    private final Duration threshold;
    private final Map<String, Failing> failing = new ConcurrentHashMap<>();
    private final List<FailureListener> listeners = new CopyOnWriteArrayList<>();

    public StageHealth(Clock clock, Duration threshold) {
        this.clock = clock;
        this.threshold = threshold;
    }

    /**
     * A stage that has failed every round since {@code since}.
     *
     * @param cause the last error, one line without subject data
     * @param reportedAt when it was last logged as stalled, or null
     */
    public record Failing(Instant since, String cause, long failures, Instant reportedAt) {

        public Duration failingFor(Instant now) {
            return Duration.between(since, now);
        }
    }

    /** Told of every failed round (error reports, for one). */
    public interface FailureListener {

        /** @param stalledNow this round made the stage stalled: it had not been reported as stalled before */
        void failed(String stage, Throwable error, Failing failing, boolean stalledNow);
    }

    public void addFailureListener(FailureListener listener) {
        listeners.add(listener);
    }

    /** A round of the stage failed. */
    public void failed(String stage, Throwable error) {
        Instant now = clock.instant();
        String cause = SafeErrors.describe(error);
        Failing updated = failing.compute(stage, (name, earlier) -> earlier == null
                ? new Failing(now, cause, 1, null)
                : new Failing(earlier.since(), cause, earlier.failures() + 1, earlier.reportedAt()));
        boolean due = updated.reportedAt() == null || !now.isBefore(updated.reportedAt().plus(threshold));
        boolean stalled = updated.failingFor(now).compareTo(threshold) >= 0;
        listeners.forEach(listener -> listener.failed(stage, error, updated, stalled && updated.reportedAt() == null));
        if (stalled && due) {
            failing.computeIfPresent(stage, (name, current) ->
                    new Failing(current.since(), current.cause(), current.failures(), now));
            log.warn("stage {} has been failing for {} ({} rounds) and is stalled: {}", stage,
                    updated.failingFor(now).withNanos(0), updated.failures(), cause);
        }
    }

    /** A round of the stage succeeded: whatever failed before has cleared. */
    public void succeeded(String stage) {
        Failing cleared = failing.remove(stage);
        if (cleared != null && cleared.reportedAt() != null) {
            log.warn("stage {} works again after failing for {}", stage, cleared.failingFor(clock.instant()).withNanos(0));
        }
    }

    /** Stages failing for at least the threshold, by name. */
    public Map<String, Failing> stalled() {
        Instant now = clock.instant();
        Map<String, Failing> stalled = new TreeMap<>();
        failing.forEach((stage, state) -> {
            if (state.failingFor(now).compareTo(threshold) >= 0) {
                stalled.put(stage, state);
            }
        });
        return stalled;
    }

    /** Stages failing now, stalled or not, by name. */
    public Map<String, Failing> failing() {
        return new TreeMap<>(failing);
    }

    public Duration threshold() {
        return threshold;
    }
}
