package dev.lethe.plan;

import dev.lethe.ledger.PlannedTask;
import java.util.List;

/** What the planner decided for a request. */
public sealed interface PlanDecision {

    /** Run these tasks, in this order where they depend on each other. */
    record Accepted(List<PlannedTask> tasks) implements PlanDecision {

        public List<String> resourceNames() {
            return tasks.stream().map(PlannedTask::resource).toList();
        }
    }

    /**
     * Do not run anything; {@code reason} and {@code detail} go into REQUEST_REJECTED.
     *
     * @param detail one line without subject data saying more than the reason (the unknown scope names), or null
     */
    record Rejected(RejectionReason reason, String detail) implements PlanDecision {

        Rejected(RejectionReason reason) {
            this(reason, null);
        }
    }
}
