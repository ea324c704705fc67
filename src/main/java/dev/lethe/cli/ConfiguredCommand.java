package dev.lethe.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Unmatched;

/**
 * A command that reads the worker's configuration: every {@code --name=value} argument the command does not define
 * itself is a Spring Boot property ({@code --spring.config.additional-location=lethe.yml}, {@code --lethe.topics.audit=x}),
 * as it would be for the worker. The command's own options override what the configuration says.
 */
abstract class ConfiguredCommand {

    @Unmatched
    List<String> springArguments = new ArrayList<>();

    private WorkerSettings settings;

    /** Loaded once, on first use: a bad argument fails here with a message naming it. */
    WorkerSettings settings() {
        if (settings == null) {
            settings = WorkerSettings.load(springArguments);
        }
        return settings;
    }

    static String either(String override, String configured) {
        return override != null && !override.isBlank() ? override : configured;
    }
}
