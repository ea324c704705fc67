package dev.lethe.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A phase that sends N requests to running workers and times them: the main phase (one worker), the two-worker
 * phase and the paced phases. The workers' peak heap is sampled throughout.
 *
 * @param name the phase's name in topic and database names
 * @param workers worker JVMs sharing the ledger and the consumer group
 * @param requests requests sent
 * @param rate requests/s; 0 sends them all at once
 */
record TrafficPhase(String name, int workers, int requests, int rate) {

    /** Time limit for all requests to complete. */
    private static final Duration LIMIT = Duration.ofMinutes(30);

    /**
     * The run's figures and the highest heap in use any of the workers showed.
     *
     * @param run the timed traffic
     * @param peakHeapBytes highest heap used by one worker, sampled every {@value HeapSampler#SAMPLE_PERIOD_MS} ms
     */
    record Result(TimedRun run, long peakHeapBytes, CpuMeter.Usage cpu) {
    }

    Result run(String brokers, BenchSettings settings, List<String> extraWorkerArguments) throws Exception {
        System.out.printf("== phase %s: %d requests, %d worker(s)%s%n", name, requests, workers,
                rate > 0 ? ", " + rate + " requests/s" : "");
        try (BenchWorld world = BenchWorld.create(name, brokers, settings, requests + settings.warmUp())) {
            List<WorkerProcess> started = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                started.add(world.startWorker(extraWorkerArguments));
            }
            for (WorkerProcess worker : started) {
                worker.awaitHealthy(Duration.ofMinutes(2));
            }
            world.awaitGroupMembers(workers, Duration.ofMinutes(1));
            List<HeapSampler> heaps = new ArrayList<>();
            try (AuditWatch audit = new AuditWatch(brokers, world.auditTopic);
                    RequestSender sender = RequestSender.forTraffic(brokers, world.requestsTopic)) {
                for (WorkerProcess worker : started) {
                    heaps.add(new HeapSampler(worker.pid()));
                }
                sender.warmUp(audit, requests + 1, settings.warmUp());
                CpuMeter cpu = new CpuMeter(started.stream().map(WorkerProcess::pid).toList());
                long start = System.nanoTime();
                sender.send(requests, rate, true);
                long sent = System.nanoTime();
                audit.awaitCompleted(requests, start + LIMIT.toNanos());
                TimedRun run = TimedRun.of(requests, start, sent, sender.sentAt(), audit.completedAt());
                System.out.printf("   %s: %s%n", name, audit.lagSummary());
                return new Result(run, heaps.stream().mapToLong(HeapSampler::peakUsedBytes).max().orElse(0),
                        cpu.usage(run.completed(), run.seconds()));
            } finally {
                for (HeapSampler heap : heaps) {
                    heap.close();
                }
            }
        }
    }
}
