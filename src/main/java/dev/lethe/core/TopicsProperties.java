package dev.lethe.core;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The topics Lethe reads and writes ({@code lethe.topics}).
 *
 * @param requests where deletion requests arrive
 * @param deadLetter where malformed and failed requests go, as received
 * @param audit where audit events go, keyed by requestId
 * @param partitions partitions of topics the worker creates (the dead-letter topic gets at least as many as requests)
 * @param replicationFactor replication of topics the worker creates; -1 takes the broker's default
 * @param create whether the worker creates missing topics at start
 */
@Validated
@ConfigurationProperties("lethe.topics")
public record TopicsProperties(
        @DefaultValue("lethe.deletion-requests") @NotBlank String requests,
        @DefaultValue("lethe.deletion-requests.DLT") @NotBlank String deadLetter,
        @DefaultValue("lethe.deletion-audit") @NotBlank String audit,
        @DefaultValue("6") @Min(1) int partitions,
        @DefaultValue("-1") short replicationFactor,
        @DefaultValue("true") boolean create) {
}
