package dev.lethe.plan;

import java.time.Duration;

/**
 * How calls to one resource's backend are protected (Resilience4j). The same settings exist as defaults
 * ({@code lethe.resilience.*}) and per resource ({@code lethe.resources.<name>.resilience.*}); an unset value falls
 * back to the defaults, then to {@link #BUILT_IN}.
 *
 * @param callTimeout time limit of one call (also the JDBC query timeout)
 * @param retryAttempts calls within one attempt for transient errors (1 = no in-call retry)
 * @param retryInitialInterval wait before the first in-call retry
 * @param retryMultiplier growth of the wait between in-call retries (randomized by ±50%)
 * @param breakerFailureRate percentage of failed calls (transient errors, timeouts) that opens the breaker
 * @param breakerWindow calls the failure rate is computed over
 * @param breakerMinimumCalls calls needed before the failure rate counts
 * @param breakerOpenWait how long an open breaker turns calls away before letting a few through
 * @param breakerHalfOpenCalls calls let through to test a recovering backend
 * @param bulkheadMaxCalls calls to this backend at once, across the worker's task threads
 * @param bulkheadMaxWait how long a call waits for a bulkhead place before its task is parked briefly
 */
public record ResilienceSettings(
        Duration callTimeout,
        Integer retryAttempts,
        Duration retryInitialInterval,
        Double retryMultiplier,
        Float breakerFailureRate,
        Integer breakerWindow,
        Integer breakerMinimumCalls,
        Duration breakerOpenWait,
        Integer breakerHalfOpenCalls,
        Integer bulkheadMaxCalls,
        Duration bulkheadMaxWait) {

    /**
     * Defaults: a call may take 30 s; 3 calls per attempt 200 ms/400 ms apart ride out a blip without parking the
     * task; the breaker opens at 50% failures over 20 calls (at least 10) and probes again after 30 s, so a down
     * backend sees a handful of calls a minute instead of every task's.
     */
    public static final ResilienceSettings BUILT_IN = new ResilienceSettings(Duration.ofSeconds(30), 3,
            Duration.ofMillis(200), 2.0, 50f, 20, 10, Duration.ofSeconds(30), 3, 16, Duration.ofMillis(100));

    public static final ResilienceSettings NONE = new ResilienceSettings(null, null, null, null, null, null, null, null,
            null, null, null);

    /** These settings, with each unset value taken from {@code fallback}. */
    public ResilienceSettings orElse(ResilienceSettings fallback) {
        return new ResilienceSettings(
                or(callTimeout, fallback.callTimeout), or(retryAttempts, fallback.retryAttempts),
                or(retryInitialInterval, fallback.retryInitialInterval), or(retryMultiplier, fallback.retryMultiplier),
                or(breakerFailureRate, fallback.breakerFailureRate), or(breakerWindow, fallback.breakerWindow),
                or(breakerMinimumCalls, fallback.breakerMinimumCalls), or(breakerOpenWait, fallback.breakerOpenWait),
                or(breakerHalfOpenCalls, fallback.breakerHalfOpenCalls), or(bulkheadMaxCalls, fallback.bulkheadMaxCalls),
                or(bulkheadMaxWait, fallback.bulkheadMaxWait));
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
