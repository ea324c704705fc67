package dev.lethe.ledger;

import java.util.List;

/**
 * One resource of an accepted request.
 *
 * @param resource the resource name
 * @param position its place in the plan (dependencies first)
 * @param dependsOn resources of the same plan that must complete first
 * @param skipped true when there is nothing to do (SOFT mode on a resource without soft delete)
 */
public record PlannedTask(String resource, int position, List<String> dependsOn, boolean skipped) {
}
