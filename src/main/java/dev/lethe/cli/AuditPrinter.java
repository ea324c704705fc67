package dev.lethe.cli;

import dev.lethe.audit.AuditRecord;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

/**
 * Writes the events a filter selects in a format, a poll at a time, and reports unreadable records on standard error
 * by where they are (never by content). Flushed after every poll, so {@code --follow} shows an event as it arrives.
 */
final class AuditPrinter {

    private final AuditOutputFormat format;
    private final AuditEventFilter filter;
    private final PrintStream err;
    private long read;
    private long printed;
    private long skipped;

    AuditPrinter(AuditOutputFormat format, AuditEventFilter filter, PrintStream err) {
        this.format = format;
        this.filter = filter;
        this.err = err;
    }

    void print(List<AuditRecord> records, Writer writer) {
        try {
            for (AuditRecord record : records) {
                read++;
                if (!record.readable()) {
                    skipped++;
                    err.println("lethe audit: skipped " + record.position() + ": " + record.problem());
                } else if (filter.matches(record.event())) {
                    printed++;
                    writer.write(format.format(record));
                }
            }
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String summary(String topic) {
        return printed + " of " + read + " records of " + topic + " printed" + (skipped == 0 ? "" : ", " + skipped + " unreadable skipped");
    }
}
