package dev.lethe.ledger;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One resource of an accepted request.
 *
 * @param resource the resource name
 * @param position its place in the plan (dependencies first)
 * @param dependsOn resources of the same plan that must complete first
 * @param skipped true when there is nothing to do (SOFT mode on a resource without soft delete)
 */
public record PlannedTask(String resource, int position, List<String> dependsOn, boolean skipped) {

    /** The resources of a plan with nothing to do: they hold nothing back. */
    public static Set<String> skippedOf(List<PlannedTask> plan) {
        return plan.stream().filter(PlannedTask::skipped).map(PlannedTask::resource).collect(Collectors.toSet());
    }

    /** Dependencies that must complete before this task may start: those of its plan that have something to do. */
    public int waitingOn(Set<String> skippedOfPlan) {
        return (int) dependsOn.stream().filter(dependency -> !skippedOfPlan.contains(dependency)).count();
    }

    /** Whether the task can start as soon as it is planned. */
    public boolean readyAtOnce(Set<String> skippedOfPlan) {
        return !skipped && waitingOn(skippedOfPlan) == 0;
    }
}
