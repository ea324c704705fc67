package dev.lethe.bench;

import java.util.Arrays;
import java.util.List;

/**
 * The run's settings, read once from {@code bench.*} system properties (the bench profile of pom.xml passes them on).
 *
 * @param requests requests of the main phase, the two-worker phase and the database ceiling
 * @param workerHeap -Xmx of each worker JVM
 * @param rate requests/s offered in the main phase; 0 sends them all at once
 * @param mix whether the main phase's requests also erase Redis keys and files ({@link MixedStores})
 * @param appSynchronousCommit synchronous_commit of the app databases Lethe cleans (the ceiling always has it on)
 * @param ceilingThreads client threads of the database ceiling
 * @param twoWorkers whether the two-worker phase runs
 * @param recovery whether the recovery phase runs
 * @param recoveryRequests requests of the recovery phase
 * @param pacedRates one paced phase per rate (requests/s); empty: none
 * @param pacedRequests requests of a paced phase; 0: min(5,000, rate * 20)
 * @param backlog requests queued before the worker starts in the backlog phase; 0: no backlog phase
 * @param backlogSeconds how long the worker works on the backlog
 * @param keepDatabases whether the phases' databases are kept for a look afterwards
 * @param warmUp requests (for users of their own) each traffic phase sends and waits for before it times anything: a
 *     fresh worker JVM spends its first tens of seconds compiling (the JIT took 15 of a worker's first 24 CPU seconds),
 *     which a service that runs for days does once
 */
record BenchSettings(int requests, String workerHeap, int rate, boolean mix, boolean appSynchronousCommit,
        int ceilingThreads, boolean twoWorkers, boolean recovery, int recoveryRequests, List<Integer> pacedRates,
        int pacedRequests, int backlog, int backlogSeconds, boolean keepDatabases, int warmUp) {

    static BenchSettings fromSystemProperties() {
        int requests = Integer.getInteger("bench.requests", 10_000);
        return new BenchSettings(requests,
                text("bench.workerHeap", "512m"),
                Integer.getInteger("bench.rate", 0),
                Boolean.getBoolean("bench.mix"),
                flag("bench.appSynchronousCommit", true),
                Integer.getInteger("bench.ceilingThreads", 4),
                flag("bench.twoWorkers", true),
                flag("bench.recovery", true),
                Integer.getInteger("bench.recoveryRequests", Math.min(requests, 3_000)),
                Arrays.stream(text("bench.pacedRates", "").split(",")).map(String::trim).filter(s -> !s.isEmpty())
                        .map(Integer::valueOf).toList(),
                Integer.getInteger("bench.pacedRequests", 0),
                Integer.getInteger("bench.backlog", 0),
                Integer.getInteger("bench.backlogSeconds", 120),
                Boolean.getBoolean("bench.keepDatabases"),
                Integer.getInteger("bench.warmUp", 5_000));
    }

    int pacedRequests(int rate) {
        return pacedRequests > 0 ? pacedRequests : Math.min(5_000, rate * 20);
    }

    /** A property the pom passes through even when unset arrives as an empty string: that means the default. */
    private static String text(String name, String fallback) {
        String value = System.getProperty(name, "");
        return value.isBlank() || value.startsWith("${") ? fallback : value.trim();
    }

    private static boolean flag(String name, boolean fallback) {
        return Boolean.parseBoolean(text(name, Boolean.toString(fallback)));
    }
}
