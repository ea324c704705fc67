package dev.lethe.cleaners.redis;

import dev.lethe.cleaners.FailureClassifier;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandInterruptedException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.cluster.PartitionSelectorException;
import java.io.IOException;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The redis type's failures. Transient: connections refused, lost or not yet re-established, timeouts, an interrupted
 * call (Lettuce's plain {@link RedisException}s all say the connection is closed, disconnected, reconnecting or its
 * queue is full), and the replies of a server that is busy or unavailable for a while ({@code LOADING}, {@code BUSY},
 * {@code TRYAGAIN}, {@code CLUSTERDOWN}, {@code MASTERDOWN}, and {@code READONLY}: a primary that became a replica in
 * a failover, until the topology is read again). Permanent: every other error reply, such as {@code WRONGTYPE} (a
 * key holds another type than the setting says), {@code NOAUTH} / {@code WRONGPASS} (credentials), {@code NOPERM}
 * (ACL) or {@code ERR} (an unknown command on an old server).
 *
 * <p>An error reply decides wherever it is in the cause chain: a connection that failed because the server refused
 * the password is permanent, though Lettuce reports it as a connection failure.
 */
final class RedisFailures {

    static final Set<String> TRANSIENT_CODES = Set.of("LOADING", "BUSY", "TRYAGAIN", "CLUSTERDOWN", "MASTERDOWN",
            "READONLY");

    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z_]{1,31}");

    static final FailureClassifier CLASSIFIER = RedisFailures::isTransient;

    private RedisFailures() {
    }

    static boolean isTransient(Throwable error) {
        RedisCommandExecutionException reply = findReply(error);
        if (reply != null) {
            return TRANSIENT_CODES.contains(code(reply));
        }
        return FailureClassifier.anyCause(error, RedisFailures::isUnavailable)
                || FailureClassifier.NETWORK.isTransient(error);
    }

    /**
     * The error code of a Redis error reply: its first word ({@code WRONGTYPE}, {@code NOPERM}...), {@code ERR} when
     * the reply has none. Only the code is ever shown: the rest of a reply may quote a key.
     */
    static String code(RedisCommandExecutionException reply) {
        String message = reply.getMessage();
        if (message == null) {
            return "ERR";
        }
        int space = message.indexOf(' ');
        String first = space < 0 ? message : message.substring(0, space);
        return CODE.matcher(first).matches() ? first : "ERR";
    }

    static RedisCommandExecutionException findReply(Throwable error) {
        for (Throwable current = error; current != null; current = current.getCause()) {
            if (current instanceof RedisCallFailure) {
                return null;
            }
            if (current instanceof RedisCommandExecutionException reply) {
                return reply;
            }
            if (current.getCause() == current) {
                break;
            }
        }
        return null;
    }

    private static boolean isUnavailable(Throwable error) {
        if (error instanceof RedisCallFailure failure) {
            return failure.isTransient();
        }
        if (error instanceof RedisConnectionException || error instanceof RedisCommandTimeoutException
                || error instanceof RedisCommandInterruptedException || error instanceof PartitionSelectorException
                || error instanceof IOException) {
            return true;
        }
        // Lettuce reports a connection that is closed, disconnected, reconnecting or overloaded ("Connection
        // closed", "Currently not connected", "Request queue size exceeded"...) as a plain RedisException; a Redis
        // error reply is a RedisCommandExecutionException, decided above.
        return error.getClass() == RedisException.class;
    }
}
