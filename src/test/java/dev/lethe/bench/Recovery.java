package dev.lethe.bench;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A worker killed with SIGKILL mid-stream and a new one started right away: how long until every request is
 * done. The worker's own lease settings apply (none are passed): the new worker can only take the dead one's
 * claimed tasks over once their leases expired.
 *
 * @param requests requests sent at once before the kill
 */
record Recovery(int requests) {

    /** Share of the requests completed when the worker is killed. */
    private static final double KILL_AFTER = 0.3;
    static final Duration LIMIT = Duration.ofMinutes(10);

    /**
     * @param requests requests sent
     * @param openAtKill requests not completed when the first worker was killed
     * @param readyAfterRestartSeconds restart until the new worker's /actuator/health said UP
     * @param restartToDoneSeconds restart until the last REQUEST_COMPLETED (or the limit, if not recovered)
     * @param recovered whether every request completed within {@link #LIMIT} of the restart
     * @param completed requests completed in the end
     */
    record Result(int requests, int openAtKill, double readyAfterRestartSeconds, double restartToDoneSeconds,
            boolean recovered, int completed) {

        double readyToDoneSeconds() {
            return restartToDoneSeconds - readyAfterRestartSeconds;
        }
    }

    Result run(String brokers, BenchSettings settings) throws Exception {
        System.out.printf("== phase recovery: %d requests, SIGKILL after %.0f%% completed%n", requests, KILL_AFTER * 100);
        try (BenchWorld world = BenchWorld.create("recovery", brokers, settings, requests)) {
            WorkerProcess first = world.startWorker(List.of());
            first.awaitHealthy(Duration.ofMinutes(2));
            world.awaitGroupMembers(1, Duration.ofMinutes(1));
            try (AuditWatch audit = new AuditWatch(brokers, world.auditTopic);
                    RequestSender sender = RequestSender.forTraffic(brokers, world.requestsTopic)) {
                sender.warmUp(audit);
                sender.send(requests, 0, false);
                audit.awaitCompleted((int) Math.ceil(requests * KILL_AFTER), System.nanoTime() + LIMIT.toNanos());
                first.kill();
                long restart = System.nanoTime();
                WorkerProcess second = world.startWorker(List.of());
                // Counted once no event has arrived for a second: events the dead worker sent just before it died
                // may still be on their way to the reader, and the new JVM cannot complete anything this early.
                awaitQuiet(audit);
                int openAtKill = requests - audit.completed();
                long ready = second.awaitHealthy(Duration.ofMinutes(2));
                boolean recovered = audit.awaitCompleted(requests, restart + LIMIT.toNanos());
                long done = recovered ? lastCompletion(audit) : System.nanoTime();
                return new Result(requests, openAtKill, (ready - restart) / 1e9, (done - restart) / 1e9, recovered,
                        audit.completed());
            }
        }
    }

    private static void awaitQuiet(AuditWatch audit) {
        AtomicInteger seen = new AtomicInteger(-1);
        AtomicLong changedAt = new AtomicLong(System.nanoTime());
        Waits.until(Duration.ofSeconds(10), Duration.ofMillis(50), () -> {
            int completed = audit.completed();
            if (seen.getAndSet(completed) != completed) {
                changedAt.set(System.nanoTime());
            }
            return System.nanoTime() - changedAt.get() >= Duration.ofSeconds(1).toNanos();
        });
    }

    private static long lastCompletion(AuditWatch audit) {
        return audit.completedAt().entrySet().stream().filter(e -> e.getKey().startsWith(AuditWatch.BENCH_PREFIX))
                .mapToLong(e -> e.getValue()).max().orElseThrow();
    }
}
