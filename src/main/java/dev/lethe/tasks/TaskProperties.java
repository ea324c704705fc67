package dev.lethe.tasks;

import dev.lethe.core.InvalidConfigurationException;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the worker runs tasks ({@code lethe.tasks}). The retry defaults (12 attempts, backoff from 5 s doubling to
 * 5 min) spread attempts over about 30 minutes, riding out an outage of 15 minutes with room to spare;
 * {@code max-age} bounds how long a request may stay open in any case.
 *
 * @param concurrency tasks run at once by this worker (a bounded pool)
 * @param claimBatch most tasks claimed in one ledger round trip
 * @param cleanerBatch most tasks of one resource handed to its cleaner in one call (one statement for a jdbc resource)
 * @param planningBatch most received requests planned in one transaction
 * @param pollInterval how often the ledger is polled when no in-process signal arrived
 * @param lease how long a claim lasts without being renewed: a worker renews its claims every {@code heartbeatInterval}
 *     while it lives, however long a call runs; one that stopped renewing (killed, cut off from the ledger) loses
 *     them this long after its last renewal, and another worker takes them over
 * @param heartbeatInterval how often a worker renews the leases of the tasks it holds; less than half the lease, so
 *     that one late or failed renewal does not lose them
 * @param leaseCheckInterval how often this worker looks for expired leases
 * @param maxAttempts cleaner calls before a task fails (per resource: {@code lethe.resources.<name>.max-attempts})
 * @param maxAge time from a task's first attempt after which it fails instead of retrying (per resource too)
 * @param initialBackoff wait before the second attempt
 * @param maxBackoff longest wait between two attempts
 * @param backoffMultiplier growth of the wait from one attempt to the next
 * @param shutdownTimeout how long a stopping worker lets running tasks finish; the rest resume elsewhere
 */
@Validated
@ConfigurationProperties("lethe.tasks")
public record TaskProperties(
        @DefaultValue("16") @Min(1) int concurrency,
        @DefaultValue("64") @Min(1) int claimBatch,
        @DefaultValue("32") @Min(1) int cleanerBatch,
        @DefaultValue("100") @Min(1) int planningBatch,
        @DefaultValue("500ms") Duration pollInterval,
        @DefaultValue("20s") Duration lease,
        @DefaultValue("4s") Duration heartbeatInterval,
        @DefaultValue("2s") Duration leaseCheckInterval,
        @DefaultValue("12") @Min(1) int maxAttempts,
        @DefaultValue("2h") Duration maxAge,
        @DefaultValue("5s") Duration initialBackoff,
        @DefaultValue("5m") Duration maxBackoff,
        @DefaultValue("2.0") double backoffMultiplier,
        @DefaultValue("30s") Duration shutdownTimeout) {

    public TaskProperties {
        if (heartbeatInterval.isNegative() || heartbeatInterval.isZero()
                || heartbeatInterval.multipliedBy(2).compareTo(lease) >= 0) {
            throw new InvalidConfigurationException("lethe.tasks.heartbeat-interval (" + heartbeatInterval
                    + ") must be positive and less than half of lethe.tasks.lease (" + lease
                    + "), so that one late renewal does not lose a running task to another worker");
        }
    }
}
