package dev.lethe.tasks;

/**
 * What calling a resource's cleaner through its protections came to.
 *
 * @param items what the cleaner reported, when it succeeded
 * @param error the last failure, or null
 * @param calls cleaner calls made (0 when the breaker or bulkhead turned the call away)
 * @param turnedAway the breaker was open or the bulkhead full: the backend was not tried, no budget is spent
 */
record CallResult(long items, Exception error, int calls, boolean turnedAway) {

    static CallResult success(long items, int calls) {
        return new CallResult(items, null, calls, false);
    }

    static CallResult failure(Exception error, int calls) {
        return new CallResult(0, error, calls, false);
    }

    static CallResult turnedAway(Exception reason, int calls) {
        return new CallResult(0, reason, calls, true);
    }

    boolean succeeded() {
        return error == null;
    }
}
