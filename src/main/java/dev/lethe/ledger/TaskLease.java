package dev.lethe.ledger;

import java.time.Instant;

/**
 * A claim written with a task: the worker that holds it and until when, unless its heartbeat renews it.
 *
 * @param owner the worker's name ({@code deletion_task.lease_owner})
 * @param until when the lease expires if it is not renewed
 */
public record TaskLease(String owner, Instant until) {
}
