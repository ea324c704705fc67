package dev.lethe.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * {@code lethe audit verify} and {@code lethe audit receipt} run in-process as an operator runs them (through
 * {@link LetheCommands}, settings as {@code --name=value}), their output captured: for tests of any package.
 */
public final class AuditChainCommands {

    /** One run: its exit code, standard output and standard error. */
    public record Run(int exitCode, String out, String err) {

        public List<String> lines() {
            return out.lines().toList();
        }
    }

    private AuditChainCommands() {
    }

    /** @param args further options and settings, e.g. {@code --request-id X} or {@code --lethe.audit.subject-key=k} */
    public static Run verify(String brokers, String topic, String... args) {
        return run("verify", brokers, topic, args);
    }

    public static Run receipt(String brokers, String topic, String... args) {
        return run("receipt", brokers, topic, args);
    }

    private static Run run(String subcommand, String brokers, String topic, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream printed = new PrintStream(out, true, StandardCharsets.UTF_8);
        CommandLine commandLine = LetheCommands.commandLine(new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                if (type == AuditVerifyCommand.class) {
                    return type.cast(new AuditVerifyCommand(printed));
                }
                if (type == AuditReceiptCommand.class) {
                    return type.cast(new AuditReceiptCommand(printed));
                }
                return CommandLine.defaultFactory().create(type);
            }
        });
        commandLine.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        List<String> all = new ArrayList<>(List.of("audit", subcommand, "--spring.kafka.bootstrap-servers=" + brokers,
                "--topic", topic));
        all.addAll(List.of(args));
        int exitCode = commandLine.execute(all.toArray(String[]::new));
        return new Run(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
