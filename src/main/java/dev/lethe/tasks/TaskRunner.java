package dev.lethe.tasks;

import dev.lethe.ledger.ClaimedTask;
import dev.lethe.monitoring.ErrorKind;
import dev.lethe.core.PollingLoop;
import dev.lethe.core.StageHealth;
import dev.lethe.ledger.TaskHandoff;
import dev.lethe.ledger.TaskLease;
import dev.lethe.ledger.TaskLedger;
import dev.lethe.core.WorkAvailable;
import dev.lethe.core.SafeErrors;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;

/**
 * Claims due tasks from the ledger and runs them on a bounded pool. A task is claimable only when everything it
 * depends on completed, so independent tasks of a request run at once and dependent ones in order.
 *
 * <p>The runner holds up to {@value #PREFETCH_PER_THREAD} claimed tasks per thread and claims again only when half
 * of that room is free: claims come in batches (one ledger commit for many tasks) instead of one task per finished
 * task. Claimed tasks waiting in the pool are covered by their lease like running ones.
 *
 * <p>Tasks also arrive already claimed ({@link TaskHandoff}): a request's first tasks from planning, and the tasks a
 * recorded result made ready. They skip a claim round trip and its commit, and the wait for the next claim round.
 */
class TaskRunner extends PollingLoop implements TaskHandoff {

    private static final Logger log = LoggerFactory.getLogger(TaskRunner.class);
    static final int PREFETCH_PER_THREAD = 4;

    private final TaskLedger ledger;
    private final TaskExecution execution;
    private final TaskResultRecorder recorder;
    private final LeaseHeartbeat heartbeat;
    private final HeldTasks held;
    private final Clock clock;
    private final TaskProperties properties;
    private final String owner;
    private final int capacity;
    private volatile Semaphore freeSlots;
    private volatile ExecutorService pool;
    private Instant nextLeaseCheck = Instant.MIN;
    /**
     * Whether the ledger may hold due tasks this runner has not claimed: its last claim round came back full, a
     * handoff had no room, or another stage said so. Only then does a finished task start a claim round; otherwise
     * work arrives by handoff and the poll interval finds the rest (other workers' expired leases, retries).
     */
    private volatile boolean mayHaveUnclaimed = true;

    TaskRunner(TaskLedger ledger, TaskExecution execution, TaskResultRecorder recorder, LeaseHeartbeat heartbeat,
            HeldTasks held, Clock clock, TaskProperties properties, WorkerIdentity worker, StageHealth health) {
        super("task-claims", properties.pollInterval(), health);
        this.ledger = ledger;
        this.execution = execution;
        this.recorder = recorder;
        this.heartbeat = heartbeat;
        this.held = held;
        this.clock = clock;
        this.properties = properties;
        this.owner = worker.name();
        this.capacity = properties.concurrency() * PREFETCH_PER_THREAD;
        this.freeSlots = new Semaphore(capacity);
        this.pool = newPool();
    }

    /**
     * A stopped runner can start again (Spring stops and restarts lifecycle beans, e.g. a paused test context): the
     * pool, shut down by {@link #stop()}, is made anew with all its slots free.
     */
    @Override
    public void start() {
        if (pool.isShutdown()) {
            freeSlots = new Semaphore(capacity);
            pool = newPool();
        }
        super.start();
    }

    private ExecutorService newPool() {
        AtomicInteger threads = new AtomicInteger();
        return Executors.newFixedThreadPool(properties.concurrency(), runnable -> {
            Thread thread = new Thread(runnable, "lethe-task-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @EventListener
    void onWorkAvailable(WorkAvailable event) {
        if (event.stage() == WorkAvailable.Stage.TASKS) {
            mayHaveUnclaimed = true;
            wake();
        }
    }

    @Override
    protected boolean runOnce() {
        Instant now = clock.instant();
        releaseExpiredLeasesNowAndThen(now);
        int free = freeSlots.availablePermits();
        boolean idle = free == capacity;
        if (!idle && free < capacity / 2) {
            return false;
        }
        // The same steps as a handoff: room first, then the claim, then the unused room back.
        int reserved = reserve(Math.min(free, properties.claimBatch()));
        if (reserved == 0) {
            return false;
        }
        List<ClaimedTask> claimed;
        try {
            claimed = ledger.claimDue(owner, reserved, now, now.plus(properties.lease()));
        } catch (RuntimeException e) {
            release(reserved);
            throw e;
        }
        mayHaveUnclaimed = claimed.size() == reserved;
        release(reserved - claimed.size());
        handOver(claimed, now);
        return claimed.size() == reserved;
    }

    /**
     * Runs claimed tasks, whose room is already taken: a pool job per resource and cleaner batch. Returns those the
     * pool refused because it is shut down (the runner stopped).
     */
    private List<ClaimedTask> dispatch(List<ClaimedTask> claimed, Instant claimedAt) {
        Map<String, List<ClaimedTask>> byResource = claimed.stream()
                .collect(Collectors.groupingBy(ClaimedTask::resource, LinkedHashMap::new, Collectors.toList()));
        List<ClaimedTask> refused = new ArrayList<>();
        for (List<ClaimedTask> tasks : byResource.values()) {
            for (int from = 0; from < tasks.size(); from += properties.cleanerBatch()) {
                List<ClaimedTask> chunk = tasks.subList(from, Math.min(tasks.size(), from + properties.cleanerBatch()));
                // The job gives its room back to the semaphore it was taken from, even if a restart replaced it.
                Semaphore slots = freeSlots;
                try {
                    pool.execute(() -> run(chunk, claimedAt, slots));
                } catch (RejectedExecutionException stopped) {
                    refused.addAll(chunk);
                }
            }
        }
        return refused;
    }

    @Override
    public int reserve(int wanted) {
        if (!isRunning() || wanted <= 0) {
            return 0;
        }
        Semaphore slots = freeSlots;
        int taken = Math.min(slots.availablePermits(), wanted);
        while (taken > 0 && !slots.tryAcquire(taken)) {
            taken = Math.min(slots.availablePermits(), wanted);
        }
        if (taken < wanted) {
            mayHaveUnclaimed = true;
        }
        return taken;
    }

    @Override
    public TaskLease lease(Instant now) {
        return new TaskLease(owner, now.plus(properties.lease()));
    }

    @Override
    public void handOver(List<ClaimedTask> tasks, Instant claimedAt) {
        if (tasks.isEmpty()) {
            return;
        }
        held.hold(tasks);
        List<ClaimedTask> refused = dispatch(tasks, claimedAt);
        if (!refused.isEmpty()) {
            // The runner stopped between the claim and now: these go back to PENDING rather than wait RUNNING for
            // their lease to expire. What the pool had already queued runs.
            held.letGo(refused);
            freeSlots.release(refused.size());
            try {
                ledger.giveBack(refused, owner, clock.instant());
                log.info("{} claimed tasks given back: the runner stopped", refused.size());
            } catch (RuntimeException e) {
                log.warn("{} claimed tasks could not be given back ({}): they are taken over when their lease expires",
                        refused.size(), SafeErrors.describe(e));
            }
        }
    }

    @Override
    public void release(int reserved) {
        if (reserved > 0) {
            freeSlots.release(reserved);
        }
    }

    private void releaseExpiredLeasesNowAndThen(Instant now) {
        if (now.isBefore(nextLeaseCheck)) {
            return;
        }
        nextLeaseCheck = now.plus(properties.leaseCheckInterval());
        int released = ledger.releaseExpiredLeases(now);
        if (released > 0) {
            log.warn("{} tasks had an expired lease (their worker stopped or hung): they run again", released);
        }
    }

    private void run(List<ClaimedTask> tasks, Instant claimedAt, Semaphore slots) {
        try {
            if (!heartbeat.mayStart(claimedAt, clock.instant())) {
                // Neither the claim nor a renewal wrote the lease for half of it (the ledger is unreachable): another
                // worker may take the task over before this run ends. Left to the lease rather than run twice at once;
                // no longer held, it is not renewed, so the lease does expire and any worker takes the task.
                held.letGo(tasks);
                log.warn("{} tasks of {} not started: their lease could not be renewed", tasks.size(), tasks.get(0).resource());
                return;
            }
            for (TaskResult result : execution.runAll(tasks)) {
                recorder.submit(result);
            }
        } catch (InterruptedException e) {
            held.letGo(tasks); // results not handed on: left to the lease
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            // A fault of Lethe's own (a bug, an Error out of a cleaner), not of the backend: left to the lease, the
            // tasks would be claimed, fail and expire again for ever, out of sight. They fail instead, visibly, and
            // an operator replays them once it is fixed.
            String error = "the task could not run: " + SafeErrors.describe(e);
            log.error("{} tasks of {} could not run: {}", tasks.size(), tasks.get(0).resource(), SafeErrors.describe(e));
            submitFailures(tasks, error);
        } finally {
            slots.release(tasks.size());
            if (mayHaveUnclaimed) {
                wake();
            }
        }
    }

    private void submitFailures(List<ClaimedTask> tasks, String error) {
        try {
            for (ClaimedTask task : tasks) {
                recorder.submit(new TaskResult.Failed(task, error, 1, ErrorKind.INTERNAL));
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops claiming, then lets running tasks finish within {@code lethe.tasks.shutdown-timeout}. */
    @Override
    public void stop() {
        super.stop();
        pool.shutdown();
        try {
            if (!pool.awaitTermination(properties.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("tasks still running after {}: they resume when their lease expires", properties.shutdownTimeout());
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pool.shutdownNow();
        }
    }

    @Override
    protected Duration stopTimeout() {
        return properties.shutdownTimeout();
    }

    @Override
    protected StopOrder stopOrder() {
        return StopOrder.TASK_RUNNER;
    }
}
