package dev.lethe.monitoring;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Lethe's own counters. Tags are resource names, outcomes, statuses and codes: never subject data. Counted after
 * the transaction that made the change committed.
 */
public class LetheMetrics {

    private final MeterRegistry registry;

    public LetheMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A request ended: COMPLETED, FAILED, REJECTED or CANCELLED. */
    public void requestEnded(String status, int count) {
        counter("lethe.requests", "Requests that ended, by terminal status", "outcome", status).increment(count);
    }

    /** Requests found still open after their due date (each counted once, when its REQUEST_OVERDUE is written). */
    public void requestsOverdue(int count) {
        Counter.builder("lethe.requests.overdue").description("Requests still open when they were due (REQUEST_OVERDUE)")
                .register(registry).increment(count);
    }

    public void taskEnded(String resource, String outcome) {
        Counter.builder("lethe.tasks").description("Tasks that ended, by resource and outcome (FAILED included)")
                .tag("resource", resource).tag("outcome", outcome).register(registry).increment();
    }

    /** A task was parked for a later attempt after a transient error. */
    public void taskRetried(String resource) {
        counter("lethe.tasks.retries", "Tasks parked for a later attempt after a transient error", "resource", resource)
                .increment();
    }

    /** A task was parked because its resource's breaker was open or its bulkhead full (no budget spent). */
    public void taskTurnedAway(String resource) {
        counter("lethe.tasks.turned.away", "Tasks parked because the breaker was open or the bulkhead full",
                "resource", resource).increment();
    }

    public void breakerTransition(String resource, String from, String to) {
        Counter.builder("lethe.breaker.transitions").description("Circuit breaker state transitions")
                .tag("resource", resource).tag("from", from).tag("to", to).register(registry).increment();
    }

    public void deadLettered(String code, int count) {
        counter("lethe.deadletter.writes", "Records written to the dead-letter topic, by code", "code", code)
                .increment(count);
    }

    private Counter counter(String name, String description, String tag, String value) {
        return Counter.builder(name).description(description).tag(tag, value).register(registry);
    }
}
