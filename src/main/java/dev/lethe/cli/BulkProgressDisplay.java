package dev.lethe.cli;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows how many requests of a bulk ended: a progress bar on standard error for someone watching a terminal, a plain
 * line now and then for a log file or a pipe, where a redrawn bar would be noise.
 */
interface BulkProgressDisplay extends AutoCloseable {

    /** How often the plain display prints a line. */
    Duration LINE_INTERVAL = Duration.ofSeconds(5);

    void show(int ended);

    @Override
    void close();

    static BulkProgressDisplay bar(int total, int ended, PrintStream err) {
        ProgressBar bar = new ProgressBarBuilder().setTaskName("bulk").setInitialMax(total).startsFrom(ended, Duration.ZERO)
                .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(err)).build();
        return new BulkProgressDisplay() {
            @Override
            public void show(int now) {
                bar.stepTo(now);
            }

            @Override
            public void close() {
                bar.close();
            }
        };
    }

    static BulkProgressDisplay lines(int total, PrintStream out, Clock clock) {
        return new BulkProgressDisplay() {
            private Instant next = clock.instant().plus(LINE_INTERVAL);

            @Override
            public void show(int ended) {
                if (!clock.instant().isBefore(next)) {
                    out.println("  " + ended + " of " + total + " requests ended");
                    next = clock.instant().plus(LINE_INTERVAL);
                }
            }

            @Override
            public void close() {
                // Lines are printed as they come: nothing to finish.
            }
        };
    }
}
