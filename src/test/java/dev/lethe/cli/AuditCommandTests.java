package dev.lethe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Arguments refused before Kafka is reached: exit 2 with one line naming what is wrong, never echoing a subject id. */
class AuditCommandTests {

    private static final String SUBJECT_ID = "7319999000111";

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void refusesTenantOrTypeWithoutASubjectId() {
        assertThat(audit("--tenant", "acme")).isEqualTo(2);
        assertThat(err()).contains("--tenant and --type apply to --subject-id");
    }

    @Test
    void refusesASubjectIdWithoutTheSubjectKeyNamingTheSetting() {
        assertThat(audit("--subject-id", SUBJECT_ID, "--lethe.audit.subject-key=")).isEqualTo(2);
        assertThat(err()).contains("lethe.audit.subject-key").contains("LETHE_SUBJECT_KEY").doesNotContain(SUBJECT_ID);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void refusesAControlCharacterInTheTenantWithoutEchoingTheId() {
        assertThat(audit("--subject-id", SUBJECT_ID, "--tenant", "a\nb", "--lethe.audit.subject-key=k")).isEqualTo(2);
        assertThat(err()).contains("control characters").doesNotContain(SUBJECT_ID);
    }

    @Test
    void refusesAnUnknownFormat() {
        assertThat(audit("--format", "xml")).isEqualTo(2);
        assertThat(err()).contains("expected one of [text, jsonl, csv]");
    }

    @Test
    void refusesAnOutputFileItCannotWrite() {
        assertThat(audit("--output", "/nonexistent-dir/audit.csv")).isEqualTo(2);
        assertThat(err()).contains("--output /nonexistent-dir/audit.csv: cannot write");
    }

    private int audit(String... args) {
        AuditCommand command = new AuditCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), stop -> () -> { });
        CommandLine commandLine = LetheCommands.commandLine(new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                return type == AuditCommand.class ? type.cast(command) : CommandLine.defaultFactory().create(type);
            }
        });
        commandLine.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        String[] all = new String[args.length + 1];
        all[0] = "audit";
        System.arraycopy(args, 0, all, 1, args.length);
        return commandLine.execute(all);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
