package dev.lethe.ledger;

import java.time.Instant;
import java.util.List;

/**
 * Tasks claimed where they became ready, handed to this worker's runner without waiting for its next claim: planning
 * writes a request's first tasks already claimed, and recording a result claims the tasks it made ready, each in the
 * transaction that made them ready. The claim is an ordinary lease in the ledger, so a worker that dies before or
 * while running them loses nothing: their lease expires and any worker takes them.
 *
 * <p>The protocol: {@link #reserve} room before the claiming transaction, then after it {@link #handOver} what was
 * claimed and {@link #release} the rest of the room (all of it if the transaction rolled back).
 */
public interface TaskHandoff {

    /** Reserves room for up to {@code wanted} tasks; returns how many may be claimed now (0 when the runner is full or stopped). */
    int reserve(int wanted);

    /** The lease a task claimed now is written with. */
    TaskLease lease(Instant now);

    /** Runs tasks claimed under {@link #lease} once their claim committed; they use room reserved before. */
    void handOver(List<ClaimedTask> tasks, Instant claimedAt);

    /** Gives back reserved room that no claimed task uses. */
    void release(int reserved);
}
