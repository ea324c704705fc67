package dev.lethe.cleaners.redis;

import dev.lethe.cleaners.FailureClassifier;
import dev.lethe.core.SafeErrors;

/**
 * A failed call of a redis resource, as the worker reports it: a message naming the resource, the setting and the
 * Redis error code or failure kind, never a key, field, member or reply text (they hold subject values), and
 * whether retrying can help. It carries no cause: Lettuce's and Redis's messages may quote keys.
 */
final class RedisCallFailure extends Exception implements SafeErrors.SafeMessage, FailureClassifier.TransientFailure {

    private final boolean transientFailure;

    RedisCallFailure(String message, boolean transientFailure) {
        super(message);
        this.transientFailure = transientFailure;
    }

    /**
     * The failure of {@code error}, classified by {@link RedisFailures}.
     *
     * @param where what failed, e.g. {@code lethe.resources.sessions.hash-fields[0]}
     */
    static RedisCallFailure of(String where, Throwable error) {
        boolean transientFailure = RedisFailures.isTransient(error);
        var reply = RedisFailures.findReply(error);
        String what = reply != null ? "Redis replied " + RedisFailures.code(reply)
                : (transientFailure ? "Redis unavailable" : "Redis call failed") + " (" + kinds(error) + ")";
        return new RedisCallFailure(where + ": " + what, transientFailure);
    }

    @Override
    public boolean isTransient() {
        return transientFailure;
    }

    @Override
    public String safeMessage() {
        return getMessage();
    }

    /** The class names of the cause chain: {@code RedisConnectionException < ConnectException}. */
    private static String kinds(Throwable error) {
        StringBuilder kinds = new StringBuilder();
        int depth = 0;
        for (Throwable current = error; current != null && depth < 4; current = current.getCause(), depth++) {
            if (depth > 0) {
                kinds.append(" < ");
            }
            kinds.append(current.getClass().getSimpleName());
            if (current.getCause() == current) {
                break;
            }
        }
        return kinds.toString();
    }
}
