package dev.lethe.cli;

import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line: {@code lethe <command>}; without a command the worker runs. */
@Command(name = "lethe", mixinStandardHelpOptions = true,
        description = "Erases a subject's data everywhere it is kept.",
        subcommands = {DemoCommand.class, RequestCommand.class, ReplayCommand.class})
public final class LetheCommands {

    private static final Set<String> COMMANDS = Set.of("demo", "request", "replay", "help", "--help", "-h");

    private LetheCommands() {
    }

    public static boolean isCommand(String[] args) {
        return args.length > 0 && COMMANDS.contains(args[0]);
    }

    /** @param worker the worker's application class, which {@code demo} starts */
    public static int run(Class<?> worker, String[] args) {
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                return type == DemoCommand.class ? type.cast(new DemoCommand(worker)) : CommandLine.defaultFactory().create(type);
            }
        };
        return new CommandLine(LetheCommands.class, factory).execute(args);
    }
}
