package dev.lethe.tasks;


import dev.lethe.cleaners.FailureClassifier;
import dev.lethe.plan.Resource;
import dev.lethe.plan.ResourceCatalog;
import dev.lethe.plan.ResilienceSettings;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls a resource's cleaner as Retry(CircuitBreaker(Bulkhead(TimeLimiter(call)))), one set per resource. Only
 * transient errors are retried and counted against the breaker; a permanent error (a missing table) neither trips
 * the breaker nor is retried. A call the open breaker or the full bulkhead turns away is not an attempt.
 */
class ResilientCalls {

    private static final Logger log = LoggerFactory.getLogger(ResilientCalls.class);
    private static final double RANDOMIZATION = 0.5;

    /** Wait of a task turned away while the breaker is half-open or the bulkhead full. */
    private static final Duration SHORT_WAIT = Duration.ofSeconds(1);

    private final Map<String, Protection> byResource = new HashMap<>();
    private final Map<String, Instant> openedAt = new ConcurrentHashMap<>();
    private final ExecutorService callThreads;

    /** @param classifiers each resource type's failure classifier, by resource name */
    ResilientCalls(ResourceCatalog catalog, ResilienceSettings defaults, ResilienceRegistries registries,
            ExecutorService callThreads, BreakerTransitions transitions, Function<String, FailureClassifier> classifiers) {
        this.callThreads = callThreads;
        for (Resource resource : catalog.all()) {
            ResilienceSettings settings = resource.settings().resilience().orElse(defaults);
            Protection protection = Protection.of(resource.name(), settings, registries,
                    classifiers.apply(resource.name()));
            protection.breaker().getEventPublisher().onStateTransition(event -> {
                String from = event.getStateTransition().getFromState().name();
                String to = event.getStateTransition().getToState().name();
                log.warn("circuit breaker of {}: {} -> {}", resource.name(), from, to);
                if (event.getStateTransition().getToState() == CircuitBreaker.State.OPEN) {
                    openedAt.put(resource.name(), Instant.now());
                }
                transitions.record(resource.name(), from, to);
            });
            byResource.put(resource.name(), protection);
        }
    }

    /** Told of every breaker state change (for the metrics). */
    @FunctionalInterface
    interface BreakerTransitions {
        void record(String resource, String from, String to);
    }

    ResilienceSettings settingsOf(String resource) {
        return byResource.get(resource).settings();
    }

    <T> CallResult<T> call(String resource, Callable<T> cleanerCall) {
        Protection protection = byResource.get(resource);
        AtomicInteger calls = new AtomicInteger();
        Callable<T> limited = () -> {
            calls.incrementAndGet();
            return protection.timeLimiter().executeFutureSupplier(() -> CompletableFuture.supplyAsync(() -> {
                try {
                    return cleanerCall.call();
                } catch (Exception e) {
                    throw new CompletionException(e);
                }
            }, callThreads));
        };
        Callable<T> decorated = Retry.decorateCallable(protection.retry(),
                CircuitBreaker.decorateCallable(protection.breaker(),
                        Bulkhead.decorateCallable(protection.bulkhead(), limited)));
        try {
            return CallResult.success(decorated.call(), calls.get());
        } catch (CallNotPermittedException | BulkheadFullException e) {
            return CallResult.turnedAway(e, calls.get());
        } catch (Exception e) {
            return CallResult.failure(unwrap(e), calls.get());
        }
    }

    private static Exception unwrap(Exception error) {
        Throwable current = error;
        while (current instanceof CompletionException && current.getCause() != null) {
            current = current.getCause();
        }
        return current instanceof Exception exception ? exception : error;
    }

    /** Transient, and not a failure whose backend asked for a wait (Retry-After): the ledger waits for that one. */
    static boolean isRetryable(Throwable error, FailureClassifier classifier) {
        return !(error instanceof CallNotPermittedException) && !(error instanceof BulkheadFullException)
                && classifier.isTransient(error) && FailureClassifier.retryAfter(error).isEmpty();
    }

    /** The Resilience4j registries the protections live in (and that metrics and health read). */
    record ResilienceRegistries(CircuitBreakerRegistry breakers, RetryRegistry retries, BulkheadRegistry bulkheads,
            TimeLimiterRegistry timeLimiters) {
    }

    private record Protection(ResilienceSettings settings, Retry retry, CircuitBreaker breaker, Bulkhead bulkhead,
            TimeLimiter timeLimiter) {

        static Protection of(String name, ResilienceSettings s, ResilienceRegistries registries,
                FailureClassifier classifier) {
            RetryConfig retry = RetryConfig.custom()
                    .maxAttempts(s.retryAttempts())
                    .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(s.retryInitialInterval(),
                            s.retryMultiplier(), RANDOMIZATION))
                    .retryOnException(error -> isRetryable(error, classifier))
                    .build();
            CircuitBreakerConfig breaker = CircuitBreakerConfig.custom()
                    .failureRateThreshold(s.breakerFailureRate())
                    .slidingWindowSize(s.breakerWindow())
                    .minimumNumberOfCalls(s.breakerMinimumCalls())
                    .waitDurationInOpenState(s.breakerOpenWait())
                    .permittedNumberOfCallsInHalfOpenState(s.breakerHalfOpenCalls())
                    .recordException(classifier::isTransient)
                    .ignoreException(error -> !classifier.isTransient(error))
                    .build();
            BulkheadConfig bulkhead = BulkheadConfig.custom()
                    .maxConcurrentCalls(s.bulkheadMaxCalls())
                    .maxWaitDuration(s.bulkheadMaxWait())
                    .build();
            TimeLimiterConfig timeLimiter = TimeLimiterConfig.custom()
                    .timeoutDuration(s.callTimeout())
                    .cancelRunningFuture(true)
                    .build();
            return new Protection(s, registries.retries().retry(name, retry),
                    registries.breakers().circuitBreaker(name, breaker),
                    registries.bulkheads().bulkhead(name, bulkhead),
                    registries.timeLimiters().timeLimiter(name, timeLimiter));
        }
    }

    /**
     * How long a task the breaker or bulkhead turned away waits: while the breaker is open, until it lets test calls
     * through; while it is half-open (testing) or the bulkhead is full, briefly.
     */
    Duration waitWhenTurnedAway(String resource, Instant now) {
        Protection protection = byResource.get(resource);
        Instant opened = openedAt.get(resource);
        if (protection.breaker().getState() != CircuitBreaker.State.OPEN || opened == null) {
            return SHORT_WAIT;
        }
        Duration untilHalfOpen = Duration.between(now, opened.plus(protection.settings().breakerOpenWait()));
        return untilHalfOpen.compareTo(SHORT_WAIT) < 0 ? SHORT_WAIT : untilHalfOpen;
    }
}
