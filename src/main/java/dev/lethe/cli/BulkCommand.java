package dev.lethe.cli;

import dev.lethe.core.DeletionRequest.Mode;
import dev.lethe.intake.IntakeProperties;
import dev.lethe.intake.RequestParser;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.json.JsonMapper;

/** {@code lethe bulk}: erases many subjects in one run, under one batch id, and reports how it went. */
@Command(name = "bulk", mixinStandardHelpOptions = true,
        description = {"Send deletion requests for many subjects under one batch id, follow them, summarise.",
                "Running the same bulk again sends only what has not ended (request ids are derived from the input).",
                "Exit 0 when every request completed; 1 when some failed, were rejected or are still open, or nothing "
                        + "was sent; 2 for a bad option or invalid input (then nothing is sent)."})
final class BulkCommand extends ConfiguredCommand implements Callable<Integer> {

    /** How many subjects the preview shows. */
    private static final int PREVIEW = 10;
    /** How long reading what the audit topic holds may take before anything is sent. */
    private static final Duration CATCH_UP_TIMEOUT = Duration.ofMinutes(5);

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--file", description = "One subject id a line, or JSON lines {\"id\":…,\"type\":…,\"tenant\":…}; - reads standard input")
        String file;

        @Option(names = "--select", description = "SQL on a configured datasource: first column the id; optional columns type, tenant")
        String select;
    }

    @Option(names = "--datasource", description = "For --select: a name under lethe.datasources (default: the only one)")
    String datasource;

    @Option(names = "--type", defaultValue = "user", description = "Subject type where the input gives none (default: ${DEFAULT-VALUE})")
    String type;

    @Option(names = "--tenant", description = "Tenant where the input gives none")
    String tenant;

    @Option(names = "--mode", defaultValue = "HARD", description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    Mode mode;

    @Option(names = "--dry-run", description = "Count only, change nothing")
    boolean dryRun;

    @Option(names = "--include", split = ",", description = "Resources or categories to erase")
    List<String> include = List.of();

    @Option(names = "--exclude", split = ",", description = "Resources or categories to leave alone")
    List<String> exclude = List.of();

    @Option(names = "--reason", description = "Carried for the record, e.g. INACTIVITY")
    String reason;

    @Option(names = "--batch-id", description = "Default: derived from the subjects and options, so a re-run resumes")
    String batchId;

    @Option(names = "--yes", description = "Do not ask for confirmation")
    boolean yes;

    @Option(names = "--no-wait", description = "Only send; do not follow the audit topic")
    boolean noWait;

    @Option(names = "--timeout", defaultValue = "PT30M", description = "How long to follow (default: ${DEFAULT-VALUE})")
    Duration timeout;

    @Option(names = "--bootstrap-servers", description = "Kafka cluster (default: spring.kafka.bootstrap-servers)")
    String bootstrapServers;

    @Option(names = "--requests-topic", description = "Default: lethe.topics.requests")
    String requestsTopic;

    @Option(names = "--audit-topic", description = "Default: lethe.topics.audit")
    String auditTopic;

    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean terminal;
    private final Clock clock;

    BulkCommand() {
        this(System.in, System.out, System.err, System.console() != null, Clock.systemUTC());
    }

    /** @param terminal whether a person watches standard error (a progress bar) rather than a log (plain lines) */
    BulkCommand(InputStream in, PrintStream out, PrintStream err, boolean terminal, Clock clock) {
        this.in = in;
        this.out = out;
        this.err = err;
        this.terminal = terminal;
        this.clock = clock;
    }

    @Override
    public Integer call() throws Exception {
        BulkBatch batch = plan();
        preview(batch);
        if (batch.requests().isEmpty()) {
            out.println("Nothing to send.");
            return 0;
        }
        BatchProgress progress = new BatchProgress(batch.requests().stream().map(BulkRequest::requestId).toList());
        try (AuditWatch audit = new AuditWatch(settings().consumerProperties(bootstrapServers),
                either(auditTopic, settings().topics().audit()), progress, clock)) {
            audit.catchUp(CATCH_UP_TIMEOUT);
            List<BulkRequest> toSend = notEnded(batch, progress);
            if (!toSend.isEmpty()) {
                if (!yes && !confirmed(toSend.size())) {
                    out.println("Nothing sent.");
                    return 1;
                }
                send(toSend);
                if (noWait) {
                    out.println("Not following: run the same bulk again to follow it and see the summary.");
                    return 0;
                }
                follow(audit, progress);
            }
        }
        BulkSummary summary = new BulkSummary(progress);
        summary.print(batch.batchId(), out);
        return summary.allCompleted() ? 0 : 1;
    }

    /** What an earlier run of the same bulk has not seen end: the worker ignores a re-sent request it already has. */
    private List<BulkRequest> notEnded(BulkBatch batch, BatchProgress progress) {
        List<BulkRequest> toSend = batch.requests().stream().filter(r -> !progress.hasEnded(r.requestId())).toList();
        if (progress.ended() > 0) {
            out.println(progress.ended() + " of them ended already (an earlier run of this bulk); " + toSend.size() + " to send.");
        }
        return toSend;
    }

    private void send(List<BulkRequest> requests) {
        String topic = either(requestsTopic, settings().topics().requests());
        new BulkSender(settings().producerProperties(bootstrapServers), topic).send(requests);
        out.println("Sent " + requests.size() + " requests to " + topic + ".");
    }

    private BulkOptions options() {
        return new BulkOptions(mode, dryRun, include, exclude, reason);
    }

    private BulkBatch plan() throws Exception {
        if ("-".equals(source.file) && !yes) {
            throw new IllegalArgumentException("--file - reads the subjects from standard input, which then cannot "
                    + "answer the confirmation: add --yes");
        }
        BulkInput input = source.select != null ? select() : readFile();
        RequestParser parser = new RequestParser(JsonMapper.builder().build(),
                settings().bind("lethe.intake", IntakeProperties.class).maxRecordBytes());
        try {
            return BulkBatch.plan(input, options(), settings().subjectRefs(), batchId, parser);
        } catch (InvalidSubjectsException invalid) {
            invalid.problems().forEach(problem -> out.println("  " + problem));
            throw invalid;
        }
    }

    private BulkInput readFile() throws Exception {
        SubjectLines lines = new SubjectLines(type, tenant);
        if ("-".equals(source.file)) {
            return lines.read(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        }
        Path path = Path.of(source.file);
        if (!Files.isReadable(path)) {
            throw new IllegalArgumentException("--file " + source.file + " cannot be read");
        }
        try (BufferedReader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            return lines.read(reader);
        }
    }

    private BulkInput select() {
        SelectionSources sources = new SelectionSources(settings().binder());
        String name = sources.resolve(datasource);
        return new SubjectSelection(name, sources.get(name), type, tenant).select(source.select);
    }

    /** The count and the first subjects, as truncated subjectRefs: the operator sees what is about to happen, no id. */
    private void preview(BulkBatch batch) {
        String from = source.select != null ? "the selection" : "-".equals(source.file) ? "standard input" : source.file;
        int duplicates = batch.duplicates();
        out.println(batch.requests().size() + " subjects from " + from
                + (duplicates > 0 ? " (" + duplicates + " duplicate" + (duplicates == 1 ? "" : "s") + " left out)" : "")
                + ", batch " + batch.batchId() + ", " + options().describe());
        if (!batch.requests().isEmpty()) {
            out.println("  subjectRef     type");
        }
        batch.requests().stream().limit(PREVIEW)
                .forEach(request -> out.println("  " + request.shortRef() + "   " + request.subject().subject().type()));
        if (batch.requests().size() > PREVIEW) {
            out.println("  … and " + (batch.requests().size() - PREVIEW) + " more");
        }
    }

    private boolean confirmed(int count) throws Exception {
        out.print("Type yes to send " + count + " requests: ");
        out.flush();
        String answer = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
        return "yes".equals(answer == null ? null : answer.trim());
    }

    private void follow(AuditWatch audit, BatchProgress progress) {
        Instant deadline = clock.instant().plus(timeout);
        try (BulkProgressDisplay display = terminal ? BulkProgressDisplay.bar(progress.total(), progress.ended(), err)
                : BulkProgressDisplay.lines(progress.total(), out, clock)) {
            while (!progress.allEnded() && clock.instant().isBefore(deadline)) {
                audit.poll();
                display.show(progress.ended());
            }
        }
        if (!progress.allEnded()) {
            out.println("Stopped following after " + timeout + ": " + (progress.total() - progress.ended())
                    + " requests still open. Run the same bulk again to follow them (nothing is sent twice).");
        }
    }
}
