package dev.lethe.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.cleaners.CleanCommand;
import dev.lethe.cleaners.Cleaner;
import dev.lethe.cleaners.CleanerFactory;
import dev.lethe.cleaners.CleanerRegistry;
import dev.lethe.cleaners.FailureClassifier;
import dev.lethe.cleaners.ResourceSettings;
import dev.lethe.core.TaskOutcome;
import dev.lethe.intake.RequestParser;
import dev.lethe.ledger.ClaimedTask;
import dev.lethe.plan.ResilienceSettings;
import dev.lethe.plan.Resource;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * After a HARD or SOFT erasure the worker counts again where the type can count: 0 left completes the task with
 * {@code verifiedRemaining} 0; something left is a transient failure within the budget, then a failure that says
 * verification; dry runs and types that cannot count are not counted again.
 */
class TaskExecutionVerificationTests {

    private static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");
    /** 12 attempts within 2 h. */
    private static final TaskProperties TASKS = new TaskProperties(8, 64, 32, 100, Duration.ofMillis(500),
            Duration.ofSeconds(20), Duration.ofSeconds(4), Duration.ofSeconds(2), 12, Duration.ofHours(2), Duration.ofSeconds(5),
            Duration.ofMinutes(5), 2.0, Duration.ofSeconds(30));
    private static final ResilienceSettings CALLS = new ResilienceSettings(Duration.ofSeconds(5), 1,
            Duration.ofMillis(1), 1.0, 50f, 100, 100, Duration.ofMinutes(1), 1, 4, Duration.ZERO);

    /** Items the fake store holds for the subject; {@code comeBack} are written again after every erasure. */
    private final AtomicInteger stored = new AtomicInteger();
    private volatile int comeBack;
    private volatile boolean countsWhatRemains = true;
    private volatile Exception countFailure;
    private final AtomicInteger erasures = new AtomicInteger();
    private final AtomicInteger counts = new AtomicInteger();
    private final ExecutorService callThreads = Executors.newCachedThreadPool();
    private final TaskExecution execution = execution();

    @AfterEach
    void stopThreads() {
        callThreads.shutdownNow();
    }

    @Test
    void anErasureThatLeftNothingIsVerifiedWithZeroRemaining() {
        stored.set(3);

        TaskResult.Completed result = (TaskResult.Completed) execution.runAll(List.of(task(false))).get(0);

        assertThat(result.items()).isEqualTo(3);
        assertThat(result.outcome()).isEqualTo(TaskOutcome.DELETED);
        assertThat(result.verifiedRemaining()).isZero();
        assertThat(counts).hasValue(1);
        assertThat(result.calls()).as("counting again is not an attempt").isEqualTo(1);
    }

    @Test
    void itemsWrittenAgainBehindTheCleanersBackAreRetriedWithinTheBudget() {
        stored.set(2);
        comeBack = 2;

        TaskResult result = execution.runAll(List.of(task(false))).get(0);

        assertThat(result).isInstanceOf(TaskResult.Retry.class);
        assertThat(((TaskResult.Retry) result).error()).isEqualTo("verification: 2 items remain after erasing");
        assertThat(((TaskResult.Retry) result).turnedAway()).isFalse();
        assertThat(((TaskResult.Retry) result).erased()).as("what this attempt erased, kept for the task's items").isEqualTo(2);
    }

    @Test
    void aTaskRetriedForVerificationCompletesWithTheItemsOfEveryAttempt() {
        stored.set(1);
        ClaimedTask again = new ClaimedTask("r-1", "store", 1, 2, NOW, "ref", false, payload(false), null, 5);

        TaskResult.Completed result = (TaskResult.Completed) execution.runAll(List.of(again)).get(0);

        assertThat(result.items()).as("5 erased by the first attempt, 1 by this one").isEqualTo(6);
        assertThat(result.outcome()).isEqualTo(TaskOutcome.DELETED);
        assertThat(result.verifiedRemaining()).isZero();
    }

    @Test
    void aRetriedTaskThatFindsNothingLeftStillReportsWhatItsEarlierAttemptErased() {
        stored.set(0);
        ClaimedTask again = new ClaimedTask("r-1", "store", 1, 2, NOW, "ref", false, payload(false), null, 3);

        TaskResult.Completed result = (TaskResult.Completed) execution.runAll(List.of(again)).get(0);

        assertThat(result.items()).isEqualTo(3);
        assertThat(result.outcome()).as("not NOTHING_FOUND: the task did erase").isEqualTo(TaskOutcome.DELETED);
    }

    @Test
    void itemsStillThereWhenTheBudgetIsSpentFailTheTaskSayingVerification() {
        stored.set(2);
        comeBack = 2;
        ClaimedTask last = new ClaimedTask("r-1", "store", 1, 12, NOW.minusSeconds(60), "ref", false, payload(false), null, 0);

        TaskResult result = execution.runAll(List.of(last)).get(0);

        assertThat(result).isInstanceOf(TaskResult.Failed.class);
        assertThat(((TaskResult.Failed) result).error()).startsWith("verification");
        assertThat(result.attempts()).isEqualTo(12);
    }

    @Test
    void anErasureWhoseCountFailsIsRecordedWithItsItemsAndWithoutAVerifiedCount() {
        stored.set(3);
        countFailure = new Unavailable();

        TaskResult result = execution.runAll(List.of(task(false))).get(0);

        assertThat(result).as("running it again would report NOTHING_FOUND for items in fact erased")
                .isInstanceOf(TaskResult.Completed.class);
        assertThat(((TaskResult.Completed) result).items()).isEqualTo(3);
        assertThat(((TaskResult.Completed) result).outcome()).isEqualTo(TaskOutcome.DELETED);
        assertThat(((TaskResult.Completed) result).verifiedRemaining()).isNull();
        assertThat(erasures).hasValue(1);
    }

    @Test
    void dryRunsAndTypesThatCannotCountAreNotCountedAgain() {
        stored.set(4);

        TaskResult.Completed dryRun = (TaskResult.Completed) execution.runAll(List.of(task(true))).get(0);

        assertThat(dryRun.items()).isEqualTo(4);
        assertThat(dryRun.verifiedRemaining()).isNull();
        assertThat(counts).hasValue(1).as("the dry run itself counted once, nothing after it");

        countsWhatRemains = false;
        comeBack = 4;
        TaskResult.Completed uncounted = (TaskResult.Completed) execution.runAll(List.of(task(false))).get(0);

        assertThat(uncounted.verifiedRemaining()).isNull();
        assertThat(counts).hasValue(1);
    }

    private TaskExecution execution() {
        ResourceCatalog catalog = new ResourceCatalog(Map.of("store", ResourceFixtures.aResource().ofType("store").build()));
        CleanerFactory factory = new CleanerFactory() {
            @Override
            public String type() {
                return "store";
            }

            @Override
            public Cleaner create(Resource resource, ResourceSettings settings) {
                return new Cleaner() {
                    @Override
                    public long clean(CleanCommand command) throws Exception {
                        if (command.dryRun()) {
                            counts.incrementAndGet();
                            if (countFailure != null) {
                                throw countFailure;
                            }
                            return stored.get();
                        }
                        erasures.incrementAndGet();
                        int erased = stored.getAndSet(comeBack);
                        return erased;
                    }

                    @Override
                    public boolean countsWhatRemains() {
                        return countsWhatRemains;
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

    private static ClaimedTask task(boolean dryRun) {
        return new ClaimedTask("r-1", "store", 1, 1, NOW, "ref", dryRun, payload(dryRun), null, 0);
    }

    private static byte[] payload(boolean dryRun) {
        DeletionRequests request = DeletionRequests.aDeletionRequest().forSubject("1001");
        return (dryRun ? request.dryRun() : request).toJson().getBytes(StandardCharsets.UTF_8);
    }

    /** A backend that did not answer: transient, as the type's classifier says. */
    private static final class Unavailable extends Exception implements FailureClassifier.TransientFailure {

        Unavailable() {
            super("unavailable", null, false, false);
        }

        @Override
        public boolean isTransient() {
            return true;
        }
    }
}
