package dev.lethe.cli;

import dev.lethe.deadletter.DeadLetterCode;
import dev.lethe.deadletter.DeadLetterHeaders;
import dev.lethe.deadletter.DeadLetterReplay;
import dev.lethe.deadletter.DeadLetterSelection;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lethe replay}: re-publishes dead-letter records to the requests topic. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Re-publish dead-letter records to the requests topic.",
                "A replayed failed request re-runs only its resources that did not complete. Safe to run twice and to "
                        + "interrupt: the dead-letter topic is only read, and a request that completed is never run again."})
final class ReplayCommand extends ConfiguredCommand implements Callable<Integer> {

    /** Above this many records a progress bar is shown. */
    private static final int PROGRESS_THRESHOLD = 100;

    @Option(names = "--bootstrap-servers", description = "Kafka cluster (default: spring.kafka.bootstrap-servers)")
    String bootstrapServers;

    @Option(names = "--dead-letter-topic", description = "Default: lethe.topics.dead-letter")
    String deadLetterTopic;

    @Option(names = "--requests-topic", description = "Default: lethe.topics.requests")
    String requestsTopic;

    @Option(names = "--request-id", split = ",", description = "Only these request ids")
    Set<String> requestIds = Set.of();

    @Option(names = "--error", split = ",", defaultValue = "RETRIES_EXHAUSTED",
            description = "Only records with these lethe-error codes (default: ${DEFAULT-VALUE}; valid: ${COMPLETION-CANDIDATES})")
    Set<DeadLetterCode> errors = EnumSet.of(DeadLetterCode.RETRIES_EXHAUSTED);

    @Option(names = "--since", description = "Only records written at or after this RFC 3339 time, e.g. 2026-11-23T08:00:00Z")
    OffsetDateTime since;

    @Option(names = "--dry-run", description = "List what would be replayed, with counts per error code; publish nothing")
    boolean dryRun;

    @Option(names = "--yes", description = "Do not ask for confirmation")
    boolean yes;

    private final InputStream in;
    private final PrintStream out;

    ReplayCommand() {
        this(System.in, System.out);
    }

    ReplayCommand(InputStream in, PrintStream out) {
        this.in = in;
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        Instant from = since == null ? null : since.toInstant();
        String deadLetterTopic = either(this.deadLetterTopic, settings().topics().deadLetter());
        String requestsTopic = either(this.requestsTopic, settings().topics().requests());
        DeadLetterReplay replay = new DeadLetterReplay(settings().consumerProperties(bootstrapServers),
                settings().producerProperties(bootstrapServers), deadLetterTopic);
        List<ConsumerRecord<byte[], byte[]>> selected = replay.select(new DeadLetterSelection(errors, requestIds, from));
        List<ConsumerRecord<byte[], byte[]>> records = selected.stream().filter(DeadLetterReplay::carriesRecord).toList();
        // A copy too large to carry the record's bytes cannot be replayed from here: say where its original is.
        selected.stream().filter(record -> !DeadLetterReplay.carriesRecord(record)).forEach(record -> out.println(
                "  not replayable (" + header(record, DeadLetterHeaders.ORIGINAL_SIZE) + " bytes, too large to copy): "
                        + valueOr(header(record, DeadLetterHeaders.REQUEST_ID), "(no request id)") + ", original at "
                        + valueOr(header(record, DeadLetterHeaders.ORIGIN), "(unknown)")));
        out.println(records.size() + " dead-letter records selected from " + deadLetterTopic + " "
                + DeadLetterReplay.countByCode(records));
        if (dryRun) {
            records.forEach(record -> out.println("  " + header(record, DeadLetterHeaders.ERROR) + "  "
                    + valueOr(header(record, DeadLetterHeaders.REQUEST_ID), "(no request id)") + "  "
                    + Instant.ofEpochMilli(record.timestamp()) + "  " + valueOr(header(record, DeadLetterHeaders.ERROR_DETAIL), "")));
            return 0;
        }
        if (records.isEmpty()) {
            return 0;
        }
        if (!yes && !confirmed(records.size(), requestsTopic)) {
            out.println("Nothing replayed.");
            return 1;
        }
        publish(replay, records, requestsTopic);
        out.println("Replayed " + records.size() + " records to " + requestsTopic + ".");
        return 0;
    }

    private void publish(DeadLetterReplay replay, List<ConsumerRecord<byte[], byte[]>> records, String requestsTopic)
            throws Exception {
        if (records.size() < PROGRESS_THRESHOLD) {
            replay.publish(records, requestsTopic, sent -> { });
            return;
        }
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("replay").setInitialMax(records.size())
                .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(out)).build()) {
            replay.publish(records, requestsTopic, bar::stepBy);
        }
    }

    private boolean confirmed(int count, String requestsTopic) throws Exception {
        out.print("Re-publish " + count + " records to " + requestsTopic + "? Type yes to continue: ");
        out.flush();
        String answer = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
        return "yes".equals(answer == null ? null : answer.trim());
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String valueOr(String value, String fallback) {
        return value == null ? fallback : value;
    }
}
