package dev.lethe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class RequestCommandTests {

    @Test
    void readsExecuteAfterAsAnRfc3339TimeAndCancel() {
        RequestCommand command = new RequestCommand();

        new CommandLine(command).parseArgs("--subject-id", "1001", "--request-id", "r-1", "--cancel",
                "--execute-after", "2026-12-07T01:00:00+01:00");

        assertThat(command.executeAfter.toInstant()).isEqualTo(Instant.parse("2026-12-07T00:00:00Z"));
        assertThat(command.executeAfter.toInstant().toString()).as("seconds kept, as RFC 3339 needs")
                .isEqualTo("2026-12-07T00:00:00Z");
        assertThat(command.cancel).isTrue();
    }

    @Test
    void refusesACancelWithoutTheRequestIdBeforeSendingAnything() throws Exception {
        RequestCommand command = new RequestCommand();
        new CommandLine(command).parseArgs("--subject-id", "1001", "--cancel");

        assertThat(command.call()).isEqualTo(2);
    }
}
