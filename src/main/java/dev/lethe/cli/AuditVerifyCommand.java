package dev.lethe.cli;

import dev.lethe.audit.ChainVerifier;
import dev.lethe.audit.ChainVerifier.Chain;
import java.io.PrintStream;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code lethe audit verify}: recomputes every audit chain of the topic (contract v1.2, tamper evidence), or of the
 * requests selected. Exit 0 when every chain holds, 1 naming each broken request's first broken link.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Recompute the chainHash of every event of the audit topic, or of the requests selected.",
                "Exit 0 when every chain holds; 1 naming the first broken link (requestId, eventId) of each broken chain.",
                "With a selection, each request's chain head is printed: a receipt's head must be the one printed here.",
                "An event read again byte for byte (re-published after a crash) is not a break; the whole trail is needed.",
                "A trail begun before the chain existed: --unchained-before the upgrade's time."})
final class AuditVerifyCommand extends ConfiguredCommand implements Callable<Integer> {

    @Mixin
    AuditTopicOptions topic = new AuditTopicOptions();

    @Mixin
    AuditSelectionOptions selection = new AuditSelectionOptions();

    @Option(names = "--unchained-before", paramLabel = "TIME", description = {
            "When Lethe began writing chainHash (the upgrade to ledger migration V8), RFC 3339. Events without one that",
            "occurred before it, ahead of their request's first chained event, are counted as unchained instead of",
            "breaking the chain. They prove nothing; without this option every such event is a broken link."})
    OffsetDateTime unchainedBefore;

    private final PrintStream out;

    AuditVerifyCommand() {
        this(System.out);
    }

    AuditVerifyCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() {
        AuditEventFilter filter = selection.filter(settings(), Set.of());
        ChainVerifier verifier = new ChainVerifier(unchainedBefore == null ? null : unchainedBefore.toInstant());
        topic.reader(settings()).readToEnd(null, records -> records.forEach(verifier::accept));
        List<Chain> chains = verifier.chains().stream()
                .filter(chain -> filter.selectsRequest(chain.requestId(), chain.batchIds(), chain.subjectRefs())).toList();
        boolean whole = selection.selectsEverything();
        verifier.unplaced().forEach(record -> out.println((whole ? "UNREADABLE " : "skipped ") + record.position() + ": "
                + record.problem()));
        for (Chain chain : chains) {
            if (!chain.holds()) {
                out.println("BROKEN request " + chain.requestId() + " at event " + chain.broken().eventId() + " ("
                        + chain.broken().position() + "): " + chain.broken().reason());
            } else if (!whole) {
                out.println("request " + chain.requestId() + ": " + chain.events() + " events, chain holds, head " + chain.head()
                        + (chain.unchained() > 0 ? " (and " + chain.unchained() + " unchained events before it)" : ""));
            }
        }
        long broken = chains.stream().filter(chain -> !chain.holds()).count();
        int unchained = chains.stream().mapToInt(Chain::unchained).sum();
        String counted = chains.size() + " requests, " + chains.stream().mapToInt(Chain::events).sum() + " events ("
                + chains.stream().mapToInt(Chain::repeated).sum() + " read again)"
                + (unchained > 0 ? ", " + unchained + " unchained events from before " + unchainedBefore.toInstant() : "");
        String where = "lethe audit verify: " + topic.topic(settings()) + ": ";
        if (chains.isEmpty() && !whole) {
            out.println(where + "no request found for the selection: nothing verified");
            return 1;
        }
        if (broken > 0 || (whole && !verifier.unplaced().isEmpty())) {
            out.println(where + counted + ": " + broken + " broken chain(s), " + (whole ? verifier.unplaced().size() : 0)
                    + " unreadable record(s)");
            return 1;
        }
        out.println(where + counted + ": every chain holds");
        return 0;
    }
}
