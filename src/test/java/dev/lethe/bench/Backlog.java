package dev.lethe.bench;

import java.time.Duration;
import java.util.List;

/**
 * The worker's heap with a backlog: {@code requests} requests are in the topic before the worker starts, and it works
 * on them for {@code seconds}. It need not finish; the figure is the heap it needs while the backlog is large.
 *
 * @param requests requests queued before the worker starts
 * @param seconds how long the worker works, from its health UP
 */
record Backlog(int requests, int seconds) {

    /**
     * @param requests requests queued
     * @param produceSeconds time to queue them
     * @param seconds time the worker worked
     * @param completed requests completed in that time
     * @param peakHeapBytes highest heap in use over that time
     */
    record Result(int requests, double produceSeconds, int seconds, int completed, long peakHeapBytes,
            long liveEarlyBytes, long liveLateBytes) {
    }

    Result run(String brokers, BenchSettings settings) throws Exception {
        System.out.printf("== phase backlog: %d requests queued, then %d s of work%n", requests, seconds);
        try (BenchWorld world = BenchWorld.create("backlog", brokers, settings, requests)) {
            world.createRequestsTopic();
            long start = System.nanoTime();
            try (RequestSender sender = RequestSender.forBacklog(brokers, world.requestsTopic)) {
                sender.send(requests, 0, false);
            }
            double produceSeconds = (System.nanoTime() - start) / 1e9;
            WorkerProcess worker = world.startWorker(List.of());
            // Sampled from the JVM's start (intake may begin before the health endpoint answers); the working time
            // counts from health UP, so that a slow start on a busy machine does not eat into it.
            try (HeapSampler heap = HeapSampler.attachWhenReady(worker.pid(), Duration.ofMinutes(1))) {
                long ready = worker.awaitHealthy(Duration.ofMinutes(2));
                try (AuditWatch audit = new AuditWatch(brokers, world.auditTopic)) {
                    // The live heap a third of the way in and at the end: a worker that kept part of the backlog in
                    // memory would show it growing.
                    Waits.untilTime(ready + seconds * 1_000_000_000L / 3);
                    long liveEarly = heap.liveBytesAfterFullGc();
                    Waits.untilTime(ready + seconds * 1_000_000_000L);
                    long liveLate = heap.liveBytesAfterFullGc();
                    return new Result(requests, produceSeconds, seconds, audit.completed(), heap.peakUsedBytes(),
                            liveEarly, liveLate);
                }
            }
        }
    }
}
