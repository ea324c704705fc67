package dev.lethe.cli;

import dev.lethe.core.DeletionRequest;
import java.io.PrintWriter;
import java.sql.Connection;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code lethe status}: a request, a batch or a subject as the ledger holds it. Reads only. A subject is looked up by
 * its subjectRef, computed here from {@code lethe.audit.subject-key}: the id given is never stored or printed.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show a request, a batch or a subject from the ledger (spring.datasource.*).", ""},
        footer = {"", "Exit codes: 0 found, 3 no such request, batch or subject in the ledger, 2 bad arguments or "
                + "settings, 1 any other failure (the ledger unreachable)."})
final class StatusCommand extends ConfiguredCommand implements Callable<Integer> {

    static final int NOT_FOUND = 3;

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    static final class Target {
        @Option(names = "--request-id", description = "A request: its state, run, times and every task of its plan")
        String requestId;

        @Option(names = "--batch", description = "The requests sent with this batchId: counts, outcomes, failures")
        String batchId;

        @Option(names = "--subject-id", description = "Every request of this subject (the id is only used to compute "
                + "its subjectRef with lethe.audit.subject-key)")
        String subjectId;
    }

    @Option(names = "--tenant", description = "With --subject-id: the subject's tenant (default: none)")
    String tenant;

    @Option(names = "--type", description = "With --subject-id: the subject's type (default: user)")
    String type;

    @Option(names = "--json", description = "Print one JSON document (field names in the README) instead of text")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (target.subjectId == null && (tenant != null || type != null)) {
            throw new IllegalArgumentException("--tenant and --type go with --subject-id");
        }
        String subjectRef = target.subjectId == null ? null : subjectRef();
        requireText(target.requestId, "--request-id");
        requireText(target.batchId, "--batch");
        try (Connection connection = LedgerConnection.open(settings())) {
            LedgerLookup ledger = new LedgerLookup(connection);
            StatusText text = new StatusText(spec.commandLine().getOut());
            if (target.requestId != null) {
                return print(ledger.request(target.requestId), "No request " + TextTable.printable(target.requestId)
                        + " in the ledger.", text::request);
            }
            if (target.batchId != null) {
                return print(ledger.batch(target.batchId), "No request of batch " + TextTable.printable(target.batchId)
                        + " in the ledger.", text::batch);
            }
            return print(ledger.subject(subjectRef), "No request of subject " + StatusText.shortRef(subjectRef)
                    + " in the ledger.", text::subject);
        }
    }

    private <T> int print(Optional<T> found, String notFound, Consumer<T> asText) {
        PrintWriter out = spec.commandLine().getOut();
        if (found.isEmpty()) {
            // With --json, standard output stays empty (or valid JSON) for the script reading it.
            PrintWriter channel = json ? spec.commandLine().getErr() : out;
            channel.println(notFound);
            channel.flush();
            return NOT_FOUND;
        }
        if (json) {
            out.println(JSON.writeValueAsString(found.get()));
        } else {
            asText.accept(found.get());
        }
        out.flush();
        return 0;
    }

    private String subjectRef() {
        requireText(target.subjectId, "--subject-id");
        String subjectType = type == null ? "user" : type;
        return settings().subjectRefs().of(new DeletionRequest.Subject(subjectType, target.subjectId, tenant == null ? "" : tenant));
    }

    private static void requireText(String value, String option) {
        if (value != null && value.isBlank()) {
            throw new IllegalArgumentException(option + " is empty");
        }
    }
}
