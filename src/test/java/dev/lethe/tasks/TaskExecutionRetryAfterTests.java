package dev.lethe.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.cleaners.CleanCommand;
import dev.lethe.cleaners.Cleaner;
import dev.lethe.cleaners.CleanerFactory;
import dev.lethe.cleaners.CleanerRegistry;
import dev.lethe.cleaners.FailureClassifier;
import dev.lethe.cleaners.ResourceSettings;
import dev.lethe.intake.RequestParser;
import dev.lethe.ledger.ClaimedTask;
import dev.lethe.plan.Resource;
import dev.lethe.plan.ResilienceSettings;
import dev.lethe.plan.ResourceCatalog;
import dev.lethe.testsupport.DeletionRequests;
import dev.lethe.testsupport.ResourceFixtures;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * A transient failure that names a wait (an HTTP 429's Retry-After) is not retried within the call, and its task's
 * next attempt comes no sooner than that wait; the retry budget still decides whether there is a next attempt.
 */
class TaskExecutionRetryAfterTests {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    /** Budget backoff: 5 s before the second attempt (±20% jitter), 12 attempts, 2 h. */
    private static final TaskProperties TASKS = new TaskProperties(8, 64, 32, 100, Duration.ofMillis(500),
            Duration.ofSeconds(20), Duration.ofSeconds(4), Duration.ofSeconds(2), 12, Duration.ofHours(2), Duration.ofSeconds(5),
            Duration.ofMinutes(5), 2.0, Duration.ofSeconds(30));
    /** Three calls per attempt for transient errors, a breaker that does not open within these tests. */
    private static final ResilienceSettings CALLS = new ResilienceSettings(Duration.ofSeconds(5), 3,
            Duration.ofMillis(1), 1.0, 50f, 100, 100, Duration.ofMinutes(1), 1, 4, Duration.ZERO);

    private final AtomicInteger made = new AtomicInteger();
    private volatile Exception failure;
    private final ExecutorService callThreads = Executors.newCachedThreadPool();
    private final TaskExecution execution = execution();

    @AfterEach
    void stopThreads() {
        callThreads.shutdownNow();
    }

    @Test
    void theNextAttemptWaitsForTheRetryAfterWhenItIsLaterThanTheBackoff() {
        failure = new Throttled(Optional.of(Duration.ofSeconds(90)));

        TaskResult result = execution.runAll(List.of(task())).get(0);

        assertThat(result).isInstanceOf(TaskResult.Retry.class);
        assertThat(((TaskResult.Retry) result).nextAttemptAt()).isEqualTo(NOW.plusSeconds(90));
        assertThat(made).as("not retried within the call: the ledger waits").hasValue(1);
        assertThat(result.calls()).isEqualTo(1);
    }

    @Test
    void theBudgetsBackoffStandsWhenTheRetryAfterIsShorter() {
        failure = new Throttled(Optional.of(Duration.ofMillis(10)));

        TaskResult result = execution.runAll(List.of(task())).get(0);

        assertThat(((TaskResult.Retry) result).nextAttemptAt()).isBetween(NOW.plusSeconds(4), NOW.plusSeconds(6));
        assertThat(made).hasValue(1);
    }

    @Test
    void aTransientFailureWithoutAWaitIsStillRetriedWithinTheCallAndThenByTheBudget() {
        failure = new Throttled(Optional.empty());

        TaskResult result = execution.runAll(List.of(task())).get(0);

        assertThat(made).hasValue(3);
        // three calls made: the backoff after the third attempt, 5 s doubled twice (±20%)
        assertThat(((TaskResult.Retry) result).nextAttemptAt()).isBetween(NOW.plusSeconds(16), NOW.plusSeconds(24));
    }

    @Test
    void aSpentBudgetFailsTheTaskWhateverTheRetryAfter() {
        failure = new Throttled(Optional.of(Duration.ofSeconds(1)));
        ClaimedTask last = new ClaimedTask("r-1", "throttled", 1, 12, NOW.minusSeconds(60), "ref", false, payload(), null, 0);

        TaskResult result = execution.runAll(List.of(last)).get(0);

        assertThat(result).isInstanceOf(TaskResult.Failed.class);
    }

    @Test
    void theWaitIsFoundAnywhereInTheCauseChain() {
        Exception wrapped = new IllegalStateException("wrapped", new Throttled(Optional.of(Duration.ofSeconds(7))));

        assertThat(FailureClassifier.retryAfter(wrapped)).contains(Duration.ofSeconds(7));
        assertThat(FailureClassifier.retryAfter(new IllegalStateException())).isEmpty();
    }

    private TaskExecution execution() {
        ResourceCatalog catalog = new ResourceCatalog(Map.of("throttled",
                ResourceFixtures.aResource().ofType("throttling").build()));
        CleanerFactory factory = new CleanerFactory() {
            @Override
            public String type() {
                return "throttling";
            }

            @Override
            public Cleaner create(Resource resource, ResourceSettings settings) {
                return new Cleaner() {
                    @Override
                    public long clean(CleanCommand command) throws Exception {
                        made.incrementAndGet();
                        throw failure;
                    }

                    @Override
                    public boolean supportsSoftDelete() {
                        return false;
                    }
                };
            }
        };
        CleanerRegistry cleaners = new CleanerRegistry(catalog, List.of(factory), ResourceFixtures.settingsFrom(Map.of()));
        ResilientCalls calls = new ResilientCalls(catalog, CALLS, new ResilientCalls.ResilienceRegistries(
                CircuitBreakerRegistry.ofDefaults(), RetryRegistry.ofDefaults(), BulkheadRegistry.ofDefaults(),
                TimeLimiterRegistry.ofDefaults()), callThreads, (resource, from, to) -> { }, cleaners::classifierOf);
        return new TaskExecution(cleaners, new RequestParser(JsonMapper.builder().build()), calls,
                new RetryBudget(TASKS, catalog), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static ClaimedTask task() {
        return new ClaimedTask("r-1", "throttled", 1, 1, NOW, "ref", false, payload(), null, 0);
    }

    private static byte[] payload() {
        return DeletionRequests.aDeletionRequest().forSubject("1001").toJson().getBytes(StandardCharsets.UTF_8);
    }

    /** As an HTTP 429 would be: transient, with or without a Retry-After. */
    private static final class Throttled extends Exception implements FailureClassifier.TransientFailure {

        private final Optional<Duration> retryAfter;

        Throttled(Optional<Duration> retryAfter) {
            super("throttled", null, false, false);
            this.retryAfter = retryAfter;
        }

        @Override
        public boolean isTransient() {
            return true;
        }

        @Override
        public Optional<Duration> retryAfter() {
            return retryAfter;
        }
    }
}
