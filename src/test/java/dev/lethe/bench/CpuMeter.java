package dev.lethe.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the machine's CPU went during a phase, from Linux's accounting: the worker JVMs (their /proc/PID/stat), this
 * JVM (the embedded broker and the load generator), and the rest of the busy time (PostgreSQL, mostly). Divided by the
 * requests completed, it is the CPU budget a request costs, to hold against the machine's: at 1,000 requests/s, two
 * cores give 2 ms per request for everything.
 */
final class CpuMeter {

    /** Linux's USER_HZ: /proc reports CPU time in hundredths of a second. */
    private static final double TICKS_PER_SECOND = 100;

    private final List<Long> workerPids;
    private final long startMachineBusy;
    private final long startWorkers;
    private final long startOwnNanos;

    CpuMeter(List<Long> workerPids) {
        this.workerPids = workerPids;
        this.startMachineBusy = machineBusyTicks();
        this.startWorkers = workerTicks();
        this.startOwnNanos = ownCpuNanos();
    }

    /**
     * @param workerMsPerRequest CPU of the worker JVMs per completed request
     * @param brokerAndLoadMsPerRequest CPU of this JVM (embedded broker, sender, audit reader) per request
     * @param restMsPerRequest the remaining busy CPU (PostgreSQL and the system) per request
     * @param coresBusy average cores busy over the phase
     */
    record Usage(double workerMsPerRequest, double brokerAndLoadMsPerRequest, double restMsPerRequest, double coresBusy) {

        double totalMsPerRequest() {
            return workerMsPerRequest + brokerAndLoadMsPerRequest + restMsPerRequest;
        }
    }

    Usage usage(int requests, double seconds) {
        double machine = (machineBusyTicks() - startMachineBusy) / TICKS_PER_SECOND;
        double workers = (workerTicks() - startWorkers) / TICKS_PER_SECOND;
        double own = (ownCpuNanos() - startOwnNanos) / 1e9;
        double rest = Math.max(0, machine - workers - own);
        int n = Math.max(1, requests);
        return new Usage(1000 * workers / n, 1000 * own / n, 1000 * rest / n, machine / Math.max(seconds, 1e-9));
    }

    private long workerTicks() {
        long total = 0;
        for (long pid : workerPids) {
            total += processTicks(pid);
        }
        return total;
    }

    private static long processTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // Fields after the command name (which may hold spaces) start after the last ')'.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static long machineBusyTicks() {
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < cpu.length && i <= 8; i++) {
                if (i != 4 && i != 5) { // idle, iowait
                    busy += Long.parseLong(cpu[i]);
                }
            }
            return busy;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static long ownCpuNanos() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }
}
