package dev.lethe.bench;

import com.sun.tools.attach.VirtualMachine;
import java.lang.management.MemoryMXBean;
import java.lang.management.ManagementFactory;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/** Samples the heap in use of another JVM (the worker) through the Attach API, keeping the highest value seen. */
final class HeapSampler implements AutoCloseable {

    static final long SAMPLE_PERIOD_MS = 50;

    private final JMXConnector connector;
    private final MemoryMXBean memory;
    private final AtomicLong peakUsed = new AtomicLong();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();

    HeapSampler(long pid) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
        String address = vm.startLocalManagementAgent();
        vm.detach();
        this.connector = JMXConnectorFactory.connect(new JMXServiceURL(address));
        MBeanServerConnection connection = connector.getMBeanServerConnection();
        this.memory = ManagementFactory.newPlatformMXBeanProxy(connection, ManagementFactory.MEMORY_MXBEAN_NAME, MemoryMXBean.class);
        sampler.scheduleAtFixedRate(this::sample, 0, SAMPLE_PERIOD_MS, TimeUnit.MILLISECONDS);
    }

    /** Attaches as soon as the JVM just started accepts it (the Attach API answers only once the JVM is up). */
    static HeapSampler attachWhenReady(long pid, java.time.Duration limit) throws Exception {
        AtomicReference<HeapSampler> attached = new AtomicReference<>();
        if (Waits.until(limit, java.time.Duration.ofMillis(100), () -> {
            attached.set(tryAttach(pid));
            return attached.get() != null;
        })) {
            return attached.get();
        }
        return new HeapSampler(pid); // once more, to throw why it cannot attach
    }

    private static HeapSampler tryAttach(long pid) {
        try {
            return new HeapSampler(pid);
        } catch (Exception notYet) {
            return null;
        }
    }

    long peakUsedBytes() {
        return peakUsed.get();
    }

    /**
     * The worker's live heap: what is in use right after a full collection it is asked to make. Unlike the sampled
     * peak, which rises and falls with the collector's timing, this grows only if the worker holds on to more.
     */
    long liveBytesAfterFullGc() {
        memory.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    long maxBytes() {
        return memory.getHeapMemoryUsage().getMax();
    }

    private void sample() {
        try {
            peakUsed.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
        } catch (RuntimeException e) {
            sampler.shutdown(); // the worker is gone
        }
    }

    @Override
    public void close() throws Exception {
        sampler.shutdownNow();
        connector.close();
    }
}
