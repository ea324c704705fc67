package dev.lethe.cli;

import dev.lethe.audit.AuditRecord;
import dev.lethe.audit.ChainVerifier;
import dev.lethe.audit.ChainVerifier.Chain;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/**
 * {@code lethe audit receipt --request-id X}: the request's erasure receipt, printed only when its chain holds
 * (exit 0); a request not on the topic, or whose chain breaks, gets no receipt (exit 1).
 */
@Command(name = "receipt", mixinStandardHelpOptions = true,
        description = {"Print a request's erasure receipt from the audit topic: what was erased, where, when, what counting",
                "again found, and the chain head. Printed only when the request's chain verifies (exit 0), else exit 1.",
                "Check it later: lethe audit verify --request-id X must print the same head."})
final class AuditReceiptCommand extends ConfiguredCommand implements Callable<Integer> {

    @Mixin
    AuditTopicOptions topic = new AuditTopicOptions();

    @Option(names = "--request-id", required = true, description = "The request")
    String requestId;

    private final PrintStream out;

    AuditReceiptCommand() {
        this(System.out);
    }

    AuditReceiptCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() {
        ChainVerifier verifier = new ChainVerifier();
        List<JsonNode> events = new ArrayList<>();
        Set<String> eventIds = new HashSet<>();
        topic.reader(settings()).readToEnd(null, records -> {
            for (AuditRecord record : records) {
                if (record.readable() && requestId.equals(record.event().path("requestId").asString(null))) {
                    verifier.accept(record);
                    if (eventIds.add(record.event().path("eventId").asString(""))) {
                        events.add(record.event());
                    }
                }
            }
        });
        String where = "lethe audit receipt: " + topic.topic(settings()) + ": ";
        if (verifier.chains().isEmpty()) {
            out.println(where + "no event of request " + requestId + ": no receipt");
            return 1;
        }
        Chain chain = verifier.chains().get(0);
        if (!chain.holds()) {
            out.println("BROKEN request " + requestId + " at event " + chain.broken().eventId() + " ("
                    + chain.broken().position() + "): " + chain.broken().reason());
            out.println(where + "the trail of request " + requestId + " does not verify: no receipt");
            return 1;
        }
        PrintWriter writer = new PrintWriter(out, false, StandardCharsets.UTF_8);
        new ErasureReceipt(chain, events, topic.topic(settings())).print(writer);
        writer.flush();
        return 0;
    }
}
