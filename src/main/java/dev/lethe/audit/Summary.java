package dev.lethe.audit;

import java.util.Map;

/**
 * What a request did, resource by resource, in the terminal event.
 *
 * @param resources outcome and items of each resource that finished, in plan order
 * @param totalItems sum of the items
 */
public record Summary(Map<String, ResourceResult> resources, long totalItems) {

    public record ResourceResult(String outcome, long items) {
    }
}
