package dev.lethe.bench;

import java.util.Map;

/**
 * What one timed stretch of traffic gave: requests sent, completed, and their latencies (send until
 * REQUEST_COMPLETED was read), sorted.
 *
 * @param requests requests sent
 * @param completed requests whose REQUEST_COMPLETED was read
 * @param sendSeconds time to send them all
 * @param seconds send of the first until REQUEST_COMPLETED of the last
 * @param latencyNanos latencies of the completed requests, ascending
 */
record TimedRun(int requests, int completed, double sendSeconds, double seconds, long[] latencyNanos) {

    static TimedRun of(int requests, long start, long sent, Map<String, Long> sentAt, Map<String, Long> completedAt) {
        long[] latencies = sentAt.entrySet().stream().filter(e -> completedAt.containsKey(e.getKey()))
                .mapToLong(e -> completedAt.get(e.getKey()) - e.getValue()).sorted().toArray();
        long end = sentAt.keySet().stream().map(completedAt::get).filter(t -> t != null).mapToLong(Long::longValue)
                .max().orElse(sent);
        return new TimedRun(requests, latencies.length, (sent - start) / 1e9, (end - start) / 1e9, latencies);
    }

    double throughput() {
        return seconds > 0 ? completed / seconds : 0;
    }

    boolean allCompleted() {
        return completed == requests;
    }

    /** The p-th percentile latency in milliseconds (nearest rank). */
    long percentileMillis(int p) {
        if (latencyNanos.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * latencyNanos.length) - 1;
        return latencyNanos[Math.max(0, index)] / 1_000_000;
    }

    long maxMillis() {
        return latencyNanos.length == 0 ? 0 : latencyNanos[latencyNanos.length - 1] / 1_000_000;
    }
}
