package dev.lethe.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import java.io.PrintWriter;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command line: {@code lethe <command>}. Without a command, or with only {@code --name=value} settings, the
 * worker runs. A first argument that is not an option names a command: an unknown one is an error, never the worker.
 */
@Command(name = "lethe", mixinStandardHelpOptions = true, versionProvider = LetheVersion.class,
        description = {"Erases a subject's data everywhere it is kept.", "",
                "Run the worker:  java -jar lethe.jar [--spring.config.additional-location=lethe.yml] [--name=value...]",
                "  It reads the requests topic, erases, and writes the audit topic until stopped (SIGTERM).",
                "  LETHE_SUBJECT_KEY (lethe.audit.subject-key, at least 32 bytes) is required.",
                "Run a command:   java -jar lethe.jar <command> [options] [--name=value...]",
                "  Every command reads the worker's configuration; its own options override it.", ""},
        subcommands = {DemoCommand.class, RequestCommand.class, BulkCommand.class, StatusCommand.class, AuditCommand.class,
                ReplayCommand.class, CommandLine.HelpCommand.class})
public final class LetheCommands {

    private static final Set<String> ENTRY_OPTIONS = Set.of("--help", "-h", "--version", "-V");

    private LetheCommands() {
    }

    /**
     * Whether these arguments are for the command line rather than the worker: a command name (known or not), or
     * {@code --help} / {@code --version}.
     */
    public static boolean isCommand(String[] args) {
        return args.length > 0 && (!args[0].startsWith("-") || ENTRY_OPTIONS.contains(args[0]));
    }

    /** @param worker the worker's application class, which {@code demo} starts */
    public static int run(Class<?> worker, String[] args) {
        logToStandardError();
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                return type == DemoCommand.class ? type.cast(new DemoCommand(worker)) : CommandLine.defaultFactory().create(type);
            }
        };
        return commandLine(factory).execute(args);
    }

    static CommandLine commandLine(CommandLine.IFactory factory) {
        CommandLine commandLine = new CommandLine(LetheCommands.class, factory);
        commandLine.setExecutionExceptionHandler(LetheCommands::failed);
        return commandLine;
    }

    /**
     * A command's failure is one line on standard error: bad settings exit 2, anything else 1. No stack trace: a
     * driver's or client's message is the useful part, and traces can carry values an operator did not mean to print.
     */
    private static int failed(Exception e, CommandLine commandLine, CommandLine.ParseResult parsed) {
        PrintWriter err = commandLine.getErr();
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        err.println("lethe " + commandLine.getCommandName() + ": " + message.lines().findFirst().orElse(message));
        err.flush();
        return e instanceof IllegalArgumentException ? 2 : 1;
    }

    /**
     * Commands print their own output on standard output and nothing else: libraries (the Kafka clients, the JDBC
     * pool) log warnings and errors only, on standard error. Logback's default would print every client's DEBUG
     * configuration dump on standard output. The demo starts a worker, whose Spring Boot logging replaces this.
     */
    static void logToStandardError() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        context.reset();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n");
        encoder.start();
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setTarget("System.err");
        appender.setEncoder(encoder);
        appender.start();
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.addAppender(appender);
        root.setLevel(Level.WARN);
    }
}
