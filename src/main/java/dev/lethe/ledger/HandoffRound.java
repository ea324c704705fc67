package dev.lethe.ledger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One transaction's use of a {@link TaskHandoff}: the room it reserved and the tasks it claimed. After the
 * transaction, {@link #committed} hands the claimed tasks over and gives back the rest of the room, or
 * {@link #rolledBack} gives back all of it (the claims rolled back with the transaction).
 */
public final class HandoffRound {

    private final TaskHandoff handoff;
    private int reserved;
    private boolean leftWorkBehind;
    private final List<ClaimedTask> claimed = new ArrayList<>();

    public HandoffRound(TaskHandoff handoff) {
        this.handoff = handoff;
    }

    /** Reserves room for up to {@code wanted} more tasks; returns how many may be claimed. */
    public int reserve(int wanted) {
        int granted = handoff.reserve(wanted);
        reserved += granted;
        leftWorkBehind |= granted < wanted;
        return granted;
    }

    public TaskLease lease(Instant now) {
        return handoff.lease(now);
    }

    /** Notes tasks claimed in the transaction, within the room reserved. */
    public void claimed(List<ClaimedTask> tasks) {
        if (claimed.size() + tasks.size() > reserved) {
            throw new IllegalStateException("claimed " + (claimed.size() + tasks.size()) + " tasks with room for " + reserved);
        }
        claimed.addAll(tasks);
    }

    /**
     * Whether some ready task could not be handed over (no room, or its claim found it locked or not due) and may
     * wait in the ledger: then, and only then, the claim loop has something to find. Read after {@link #committed}.
     */
    public boolean leftWorkBehind() {
        return leftWorkBehind;
    }

    public void committed(Instant claimedAt) {
        int unused = reserved - claimed.size();
        // Fewer claimed than there was room for: the rest was locked by another worker or not yet due.
        leftWorkBehind |= unused > 0;
        List<ClaimedTask> handed = List.copyOf(claimed);
        clear();
        handoff.release(unused);
        handoff.handOver(handed, claimedAt);
    }

    public void rolledBack() {
        int all = reserved;
        clear();
        handoff.release(all);
    }

    private void clear() {
        reserved = 0;
        claimed.clear();
    }
}
