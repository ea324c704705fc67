package dev.lethe.tasks;

import dev.lethe.core.PollingLoop;
import dev.lethe.core.StageHealth;
import dev.lethe.ledger.TaskLedger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Renews the leases of the tasks this worker holds ({@link HeldTasks}), every {@code lethe.tasks.heartbeat-interval}, as db-scheduler's
 * heartbeats do. A long call keeps its task as long as its worker lives; a killed worker's tasks are taken over one
 * lease ({@code lethe.tasks.lease}, 20 s by default) after its last heartbeat instead of after the longest call anyone
 * could make.
 *
 * <p>The runner asks {@link #mayStart} before it starts a claimed task: when renewals have been failing (the ledger is
 * unreachable) long enough that the lease may have lapsed, another worker may already own the task, and it is not
 * started here; it runs where its lease is held.
 */
class LeaseHeartbeat extends PollingLoop {

    private final TaskLedger ledger;
    private final HeldTasks held;
    private final Clock clock;
    private final String owner;
    private final Duration lease;
    private volatile Instant lastRenewal = Instant.MIN;

    LeaseHeartbeat(TaskLedger ledger, HeldTasks held, Clock clock, WorkerIdentity worker, TaskProperties properties,
            StageHealth health) {
        super("lease-heartbeat", properties.heartbeatInterval(), health);
        this.ledger = ledger;
        this.held = held;
        this.clock = clock;
        this.owner = worker.name();
        this.lease = properties.lease();
    }

    @Override
    protected boolean runOnce() {
        // Taken before the statement: the leases it writes run from here, so this is never later than the truth.
        Instant now = clock.instant();
        ledger.renewLeases(held.snapshot(), owner, now.plus(lease));
        lastRenewal = now;
        return false;
    }

    /**
     * Whether a task claimed at {@code claimedAt} certainly still belongs to this worker, with half a lease to spare for
     * the call to begin: its lease was last written at the claim or at the last renewal, whichever came later.
     */
    boolean mayStart(Instant claimedAt, Instant now) {
        Instant lastWritten = claimedAt.isAfter(lastRenewal) ? claimedAt : lastRenewal;
        return now.isBefore(lastWritten.plus(lease.dividedBy(2)));
    }

    @Override
    protected StopOrder stopOrder() {
        return StopOrder.LEASE_HEARTBEAT;
    }
}
