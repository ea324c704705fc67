package dev.lethe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The entry point tells commands from the worker: a first argument that is not an option is a command, and an unknown
 * one is an error, never the worker; {@code --version} prints the version and {@code --help} says how to run the worker.
 */
class LetheCommandsTests {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void settingsAloneStartTheWorkerWhileAnyFirstWordIsACommand() {
        assertThat(LetheCommands.isCommand(new String[0])).isFalse();
        assertThat(LetheCommands.isCommand(new String[] {"--spring.config.additional-location=lethe.yml"})).isFalse();
        assertThat(LetheCommands.isCommand(new String[] {"--server.port=0", "--version"})).isFalse();
        assertThat(LetheCommands.isCommand(new String[] {"status", "--request-id", "r-1"})).isTrue();
        assertThat(LetheCommands.isCommand(new String[] {"frobnicate"})).isTrue();
        assertThat(LetheCommands.isCommand(new String[] {"--version"})).isTrue();
        assertThat(LetheCommands.isCommand(new String[] {"-V"})).isTrue();
        assertThat(LetheCommands.isCommand(new String[] {"--help"})).isTrue();
    }

    @Test
    void anUnknownCommandIsAnErrorNamingIt() {
        int exit = run("frobnicate");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("'frobnicate'");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void versionPrintsTheVersionAndExits() {
        int exit = run("--version");

        assertThat(exit).isZero();
        assertThat(out.toString()).startsWith("lethe ").contains("Java ");
    }

    @Test
    void helpSaysHowToRunTheWorkerAndListsTheCommands() {
        int exit = run("--help");

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("Run the worker:").contains("LETHE_SUBJECT_KEY")
                .contains("bulk").contains("status").contains("audit").contains("replay").contains("request");
    }

    @Test
    void aSettingThatIsNotNameEqualsValueIsRefusedNamingIt() {
        int exit = run("replay", "--dry-run", "stray");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("'stray'");
    }

    private int run(String... args) {
        CommandLine commandLine = LetheCommands.commandLine(CommandLine.defaultFactory());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }
}
