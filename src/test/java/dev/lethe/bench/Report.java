package dev.lethe.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The run's figures as one compact block of lines, printed at the end so that it can be pasted into a README.
 * Phases add their results as they finish; a phase that did not run prints nothing.
 */
final class Report {

    /** Measured with pgbench on the 2-core machine the README figures come from, for comparison. */
    private static final String PGBENCH_REFERENCE = "2,338 subjects/s at 1 per transaction, 35,298/s at 100";

    private final BenchSettings settings;
    private final String postgresVersion;
    private TrafficPhase.Result main;
    private DatabaseCeiling.Result ceiling;
    private TrafficPhase.Result twoWorkers;
    private Recovery.Result recovery;
    private final List<Paced> paced = new ArrayList<>();
    private Backlog.Result backlog;

    private record Paced(int rate, TrafficPhase.Result result) {
    }

    Report(BenchSettings settings, String postgresVersion) {
        this.settings = settings;
        this.postgresVersion = postgresVersion;
    }

    void main(TrafficPhase.Result result) {
        main = result;
    }

    void ceiling(DatabaseCeiling.Result result) {
        ceiling = result;
    }

    void twoWorkers(TrafficPhase.Result result) {
        twoWorkers = result;
    }

    void recovery(Recovery.Result result) {
        recovery = result;
    }

    void paced(int rate, TrafficPhase.Result result) {
        paced.add(new Paced(rate, result));
    }

    void backlog(Backlog.Result result) {
        backlog = result;
    }

    void print() {
        List<String> lines = new ArrayList<>();
        lines.add("Lethe benchmark");
        lines.add(String.format("  machine          %d cores, %s %s, Java %s; PostgreSQL %s and an embedded KRaft broker on"
                + " the same machine; each worker its own JVM (-Xmx%s)", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("java.version"),
                postgresVersion, settings.workerHeap()));
        lines.add(String.format("  requests         each erases a user's rows in %s; app database synchronous_commit %s;"
                + " each traffic phase first sends %,d warm-up requests, not timed",
                settings.mix() ? "5 jdbc tables + 2 redis keys + 2 files (main phase)"
                        : "5 jdbc tables (chat_messages, chats, posts, sessions, users)",
                settings.appSynchronousCommit() ? "on" : "off", settings.warmUp()));
        if (main != null) {
            lines.add(String.format("  one worker       %s", traffic(main)));
            lines.add(String.format("                   sent in %.1f s (%s), latency max %d ms",
                    main.run().sendSeconds(), settings.rate() > 0 ? settings.rate() + " requests/s" : "all at once",
                    main.run().maxMillis()));
            lines.add("  cpu per request  " + cpu(main.cpu()));
        }
        if (ceiling != null) {
            lines.add(String.format("  db ceiling       (a) %,.0f subjects/s at 1 per transaction, (b) %,.0f subjects/s at 100"
                    + " per transaction", ceiling.onePerTransaction(), ceiling.hundredPerTransaction()));
            lines.add(String.format("                   the cleaner's 5 DELETEs by plain JDBC, %d client threads,"
                    + " synchronous_commit on, fresh copy of the data; pgbench reference: %s", ceiling.threads(),
                    PGBENCH_REFERENCE));
            if (main != null) {
                lines.add(String.format("  lethe vs (b)     %.1f%% (one worker's end-to-end throughput / the 100-per-transaction"
                        + " ceiling)", 100 * main.run().throughput() / ceiling.hundredPerTransaction()));
            }
        }
        if (twoWorkers != null) {
            lines.add(String.format("  two workers      %s", traffic(twoWorkers)));
            lines.add("                   cpu per request " + cpu(twoWorkers.cpu()));
        }
        if (recovery != null) {
            lines.add(String.format("  recovery         %d requests, SIGKILL with %d open; %s", recovery.requests(),
                    recovery.openAtKill(), recovery.recovered()
                            ? String.format("all done %.1f s after the restart, %.1f s after the new worker was ready"
                                    + " (health UP %.1f s after the restart)", recovery.restartToDoneSeconds(),
                                    recovery.readyToDoneSeconds(), recovery.readyAfterRestartSeconds())
                            : String.format("NOT RECOVERED within %d min of the restart (%d of %d done)",
                                    Recovery.LIMIT.toMinutes(), recovery.completed(), recovery.requests())));
        }
        for (Paced phase : paced) {
            TimedRun run = phase.result().run();
            boolean keptUp = run.allCompleted() && run.throughput() >= 0.9 * phase.rate();
            lines.add(String.format("  paced %-10s %d requests: p50 %d ms, p99 %d ms; %.0f requests/s, %s",
                    phase.rate() + "/s", run.requests(), run.percentileMillis(50), run.percentileMillis(99),
                    run.throughput(), keptUp ? "kept up" : "DID NOT KEEP UP"));
        }
        if (backlog != null) {
            lines.add(String.format("  backlog          %,d requests queued before the start (in %.1f s); in %d s from health UP the"
                    + " worker completed %,d, peak heap %s%s; live heap after a full GC %s at %d s, %s at %d s",
                    backlog.requests(), backlog.produceSeconds(), backlog.seconds(),
                    backlog.completed(), mib(backlog.peakHeapBytes()),
                    main == null ? "" : " (main phase: " + mib(main.peakHeapBytes()) + ")",
                    mib(backlog.liveEarlyBytes()), backlog.seconds() / 3, mib(backlog.liveLateBytes()), backlog.seconds()));
        }
        System.out.println();
        lines.forEach(System.out::println);
    }

    private static String traffic(TrafficPhase.Result result) {
        TimedRun run = result.run();
        return String.format("%,d requests in %.1f s: %,.0f requests/s; latency p50 %d ms, p99 %d ms; peak heap %s%s",
                run.requests(), run.seconds(), run.throughput(), run.percentileMillis(50), run.percentileMillis(99),
                mib(result.peakHeapBytes()), run.allCompleted() ? ""
                        : String.format(" -- NOT ALL COMPLETED (%d of %d)", run.completed(), run.requests()));
    }

    private static String cpu(CpuMeter.Usage usage) {
        return String.format("%.2f ms: worker %.2f, PostgreSQL and system %.2f, broker and load generator %.2f;"
                + " %.2f of 2 cores busy (1,000 requests/s on 2 cores allows 2 ms)", usage.totalMsPerRequest(),
                usage.workerMsPerRequest(), usage.restMsPerRequest(), usage.brokerAndLoadMsPerRequest(), usage.coresBusy());
    }

    private static String mib(long bytes) {
        return bytes / (1024 * 1024) + " MiB";
    }
}
