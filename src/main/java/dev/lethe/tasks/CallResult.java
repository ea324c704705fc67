package dev.lethe.tasks;

/**
 * What calling a resource's cleaner through its protections came to.
 *
 * @param value what the cleaner returned, when it succeeded
 * @param error the last failure, or null
 * @param calls cleaner calls made (0 when the breaker or bulkhead turned the call away)
 * @param turnedAway the breaker was open or the bulkhead full: the backend was not tried, no budget is spent
 */
record CallResult<T>(T value, Exception error, int calls, boolean turnedAway) {

    static <T> CallResult<T> success(T value, int calls) {
        return new CallResult<>(value, null, calls, false);
    }

    static <T> CallResult<T> failure(Exception error, int calls) {
        return new CallResult<>(null, error, calls, false);
    }

    static <T> CallResult<T> turnedAway(Exception reason, int calls) {
        return new CallResult<>(null, reason, calls, true);
    }

    boolean succeeded() {
        return error == null;
    }
}
