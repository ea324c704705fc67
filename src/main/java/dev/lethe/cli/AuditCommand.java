package dev.lethe.cli;

import dev.lethe.audit.AuditRecord;
import dev.lethe.audit.AuditTopicReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code lethe audit}: prints the audit topic, filtered, as text, JSON lines or CSV. A command group: without a
 * subcommand it reads and prints; {@code verify} checks the chains and {@code receipt} prints a request's erasure
 * receipt (contract v1.2), sharing {@link AuditTopicOptions} and {@link AuditSelectionOptions}.
 */
@Command(name = "audit", mixinStandardHelpOptions = true, subcommands = {AuditVerifyCommand.class, AuditReceiptCommand.class},
        description = {"Print the audit topic: from the beginning (or --since) to its current end, or --follow it.",
                "Filters combine (an event must pass all); a list option matches any of its values.",
                "A subject is found by its subjectRef, computed with lethe.audit.subject-key; its id is never printed.",
                "Records that are not JSON objects are reported on standard error (partition@offset) and skipped."})
final class AuditCommand extends ConfiguredCommand implements Callable<Integer> {

    @Mixin
    AuditTopicOptions topic = new AuditTopicOptions();

    @Option(names = "--since", description = "Start at the first event written at or after this RFC 3339 time, e.g. 2026-11-23T08:00:00Z")
    OffsetDateTime since;

    @Option(names = {"-f", "--follow"}, description = "Keep printing new events until interrupted (Ctrl-C, SIGTERM: exit 0)")
    boolean follow;

    @Mixin
    AuditSelectionOptions selection = new AuditSelectionOptions();

    @Option(names = "--event", split = ",", description = "Only these event types, e.g. TASK_FAILED,REQUEST_FAILED")
    Set<String> eventTypes = Set.of();

    @Option(names = "--format", converter = AuditOutputFormat.Converter.class, defaultValue = "text",
            description = "text (default), jsonl (each event as on the topic) or csv (RFC 4180)")
    AuditOutputFormat format;

    @Option(names = {"-o", "--output"}, description = "Write to this file instead of standard output")
    Path output;

    private final PrintStream out;
    private final PrintStream err;
    private final Function<Runnable, AutoCloseable> stopSignals;
    private volatile AuditTopicReader reader;
    private volatile boolean stopRequested;

    AuditCommand() {
        this(System.out, System.err, StopSignals::install);
    }

    /** @param stopSignals installs what stops a {@code --follow} on request (Ctrl-C), and uninstalls it on close */
    AuditCommand(PrintStream out, PrintStream err, Function<Runnable, AutoCloseable> stopSignals) {
        this.out = out;
        this.err = err;
        this.stopSignals = stopSignals;
    }

    @Override
    public Integer call() throws Exception {
        AuditEventFilter filter = filter();
        AuditTopicReader reader = topic.reader(settings());
        AuditPrinter printer = new AuditPrinter(format, filter, err);
        try (Writer writer = openOutput()) {
            writer.write(format.header());
            this.reader = reader;
            if (stopRequested) {
                reader.stop();
            }
            Instant from = since == null ? null : since.toInstant();
            if (follow) {
                try (AutoCloseable signals = stopSignals.apply(this::stop)) {
                    reader.follow(from, records -> printer.print(records, writer));
                }
            } else {
                reader.readToEnd(from, records -> printer.print(records, writer));
            }
            writer.flush();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        err.println("lethe audit: " + printer.summary(topic.topic(settings())) + (output == null ? "" : ", written to " + output));
        return 0;
    }

    /** Ends a running {@code --follow} (or the read about to start) after what it has printed. */
    void stop() {
        stopRequested = true;
        AuditTopicReader current = reader;
        if (current != null) {
            current.stop();
        }
    }

    private AuditEventFilter filter() {
        Set<String> types = eventTypes.stream().map(type -> type.trim().toUpperCase(Locale.ROOT)).collect(Collectors.toSet());
        return selection.filter(settings(), types);
    }

    /** Standard output is left open for whoever owns it; a file is created or replaced, before Kafka is reached. */
    private Writer openOutput() {
        if (output == null) {
            return new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
                @Override
                public void close() throws IOException {
                    flush();
                }
            };
        }
        try {
            return Files.newBufferedWriter(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("--output " + output + ": cannot write (" + e.getClass().getSimpleName() + ")", e);
        }
    }
}
