package dev.lethe.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT) and SIGTERM, while installed, run a stop action instead of shutting the JVM down. A shutdown hook
 * could stop a reader too, but the JVM would then exit 130 or 143 whatever the command returns; a command that ends
 * on request (such as {@code audit --follow}) finishes its output and exits 0. Closing puts the previous handlers back.
 */
final class StopSignals implements AutoCloseable {

    private static final String[] SIGNALS = {"INT", "TERM"};

    private final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();

    private StopSignals(Runnable stop) {
        for (String name : SIGNALS) {
            Signal signal = new Signal(name);
            try {
                previous.put(signal, Signal.handle(signal, received -> stop.run()));
            } catch (IllegalArgumentException e) {
                // The JVM keeps this signal (-Xrs, or a platform without it): it keeps its default meaning.
            }
        }
    }

    static AutoCloseable install(Runnable stop) {
        return new StopSignals(stop);
    }

    @Override
    public void close() {
        previous.forEach(Signal::handle);
    }
}
