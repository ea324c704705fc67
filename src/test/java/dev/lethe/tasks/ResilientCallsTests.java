package dev.lethe.tasks;

import dev.lethe.cleaners.FailureClassifier;
import dev.lethe.testsupport.ResourceFixtures;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.plan.ResilienceSettings;
import dev.lethe.plan.ResourceCatalog;
import dev.lethe.plan.ResourceProperties;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ResilientCallsTests {

    private static final ResilienceSettings SETTINGS = new ResilienceSettings(Duration.ofMillis(200), 3,
            Duration.ofMillis(1), 1.0, 50f, 4, 4, Duration.ofMinutes(1), 1, 1, Duration.ZERO);

    /** As a type's classifier would: the driver's transient exceptions and lost connections are transient. */
    private static final FailureClassifier FAILURES = ((FailureClassifier) error -> FailureClassifier.anyCause(error,
            cause -> cause instanceof java.sql.SQLTransientException)).orNetwork();

    private final ExecutorService callThreads = Executors.newCachedThreadPool();
    private final List<String> transitions = new ArrayList<>();
    private final ResilientCalls calls = new ResilientCalls(
            new ResourceCatalog(Map.of("posts", ResourceFixtures.aResource().build())),
            SETTINGS, new ResilientCalls.ResilienceRegistries(CircuitBreakerRegistry.ofDefaults(), RetryRegistry.ofDefaults(),
                    BulkheadRegistry.ofDefaults(), TimeLimiterRegistry.ofDefaults()),
            callThreads, (resource, from, to) -> transitions.add(from + "->" + to), resource -> FAILURES);

    @AfterEach
    void stopThreads() {
        callThreads.shutdownNow();
    }

    @Test
    void retriesTransientErrorsWithinOneAttempt() {
        AtomicInteger made = new AtomicInteger();
        CallResult<Long> result = calls.call("posts", () -> {
            if (made.incrementAndGet() < 3) {
                throw new SQLTransientConnectionException("down");
            }
            return 7L;
        });

        assertThat(result.succeeded()).isTrue();
        assertThat(result.value()).isEqualTo(7);
        assertThat(result.calls()).isEqualTo(3);
    }

    @Test
    void doesNotRetryAPermanentError() {
        CallResult<Long> result = calls.call("posts", () -> {
            throw new SQLException("relation does not exist", "42P01");
        });

        assertThat(result.succeeded()).isFalse();
        assertThat(result.calls()).isEqualTo(1);
        assertThat(result.turnedAway()).isFalse();
    }

    @Test
    void endsACallThatRunsPastItsTimeLimit() {
        CallResult<Long> result = calls.call("posts", () -> {
            TimeUnit.SECONDS.sleep(5);
            return 1L;
        });

        assertThat(result.error()).isInstanceOf(TimeoutException.class);
        assertThat(result.calls()).as("a timeout is transient: retried").isEqualTo(3);
    }

    @Test
    void turnsCallsAwayWithoutCallingOnceTheBreakerIsOpen() {
        for (int i = 0; i < 2; i++) {
            calls.call("posts", () -> {
                throw new SQLTransientConnectionException("down");
            });
        }
        AtomicInteger made = new AtomicInteger();

        CallResult<Long> result = calls.call("posts", () -> (long) made.incrementAndGet());

        assertThat(result.turnedAway()).isTrue();
        assertThat(result.error()).isInstanceOf(CallNotPermittedException.class);
        assertThat(result.calls()).isZero();
        assertThat(made).hasValue(0);
        assertThat(transitions).containsExactly("CLOSED->OPEN");
        assertThat(calls.waitWhenTurnedAway("posts", java.time.Instant.now())).isGreaterThan(Duration.ofSeconds(30));
    }

    @Test
    void turnsACallAwayWhenTheBulkheadIsFull() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<CallResult<Long>> first = Executors.newSingleThreadExecutor().submit(() -> calls.call("posts", () -> {
            inside.countDown();
            release.await(150, TimeUnit.MILLISECONDS);
            return 1L;
        }));
        inside.await();

        CallResult<Long> second = calls.call("posts", () -> 2L);
        release.countDown();

        assertThat(second.turnedAway()).isTrue();
        assertThat(second.error()).isInstanceOf(BulkheadFullException.class);
        assertThat(first.get().succeeded()).isTrue();
    }
}
