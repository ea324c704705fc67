package dev.lethe.core;

import dev.lethe.core.SafeErrors;
import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * A thread that works the ledger in rounds. A round that found a full batch is followed at once by the next;
 * otherwise the loop waits for {@link #wake()} (called in-process when new work was committed) or the interval,
 * which is what finds work committed by other workers. Failed rounds back off up to {@link #MAX_BACKOFF}.
 */
public abstract class PollingLoop implements SmartLifecycle {

    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final String name;
    private final Duration interval;
    private final StageHealth health;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition signal = lock.newCondition();
    private volatile boolean running;
    private boolean woken;
    private Thread thread;

    protected PollingLoop(String name, Duration interval, StageHealth health) {
        this.name = name;
        this.interval = interval;
        this.health = health;
    }

    /** Does one round of work; returns true when there may be more work right away. */
    protected abstract boolean runOnce() throws Exception;

    public void wake() {
        lock.lock();
        try {
            woken = true;
            signal.signal();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::loop, "lethe-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        wake();
        try {
            thread.join(stopTimeout().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            // Its round is still going; finishing from here would run two rounds at once. Leases cover the rest.
            log.warn("{} did not stop within {}: what it holds resumes at the next start", name, stopTimeout());
            return;
        }
        finishOnStop();
    }

    /**
     * Runs rounds on the stopping thread until there is nothing left, for loops that must hand on what they hold
     * (results not yet recorded, outbox rows not yet published) before the worker exits. Best effort: what is left
     * after a failure is picked up at the next start.
     */
    protected void drainOnStop() {
        try {
            while (runOnce()) {
                log.debug("{} drained a round while stopping", name);
            }
        } catch (Exception e) {
            log.warn("{} could not finish while stopping ({}): the rest resumes at the next start", name,
                    SafeErrors.describe(e));
        }
    }

    /** Called once the loop's thread ended; nothing by default. */
    protected void finishOnStop() {
    }

    /**
     * Stop order: higher phases stop first. The intake (Kafka listener) stops before every loop, so no new work
     * arrives while the loops finish theirs.
     */
    @Override
    public int getPhase() {
        return stopOrder().phase;
    }

    /** Where this loop stops relative to the others. */
    protected abstract StopOrder stopOrder();

    /** Loops in the order they stop, each after the ones before it. */
    public enum StopOrder {
        /** Housekeeping (the ledger's planner statistics, the overdue sweep): holds nothing, stops first. */
        STATISTICS(Integer.MAX_VALUE - 100),
        PLANNING(Integer.MAX_VALUE - 200),
        TASK_RUNNER(Integer.MAX_VALUE - 300),
        TASK_RESULTS(Integer.MAX_VALUE - 400),
        /** Renews the leases of held tasks until the runner and the results are done with them. */
        LEASE_HEARTBEAT(Integer.MAX_VALUE - 450),
        OUTBOX_RELAY(Integer.MAX_VALUE - 500);

        private final int phase;

        StopOrder(int phase) {
            this.phase = phase;
        }
    }

    /** How long {@link #stop()} waits for the round in progress. */
    protected Duration stopTimeout() {
        return Duration.ofSeconds(10);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void loop() {
        Duration backoff = interval;
        while (running) {
            boolean more = false;
            try {
                more = runOnce();
                backoff = interval;
                health.succeeded(name);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception | Error e) {
                // Errors too: a loop thread that dies would stop its stage while health still says UP.
                health.failed(name, e);
                log.warn("{} round failed, retrying in {}: {}", name, backoff, SafeErrors.describe(e));
                pause(backoff);
                backoff = min(backoff.multipliedBy(2), MAX_BACKOFF);
                continue;
            }
            if (!more) {
                pause(interval);
            }
        }
    }

    private void pause(Duration duration) {
        lock.lock();
        try {
            long nanos = duration.toNanos();
            while (!woken && running && nanos > 0) {
                nanos = signal.awaitNanos(nanos);
            }
            woken = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    @Override
    public String toString() {
        return name + " loop every " + interval.toMillis() + " ms";
    }
}
