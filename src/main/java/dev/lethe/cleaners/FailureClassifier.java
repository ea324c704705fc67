package dev.lethe.cleaners;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;

/**
 * Sorts a resource type's failures into transient (a retry can help: the backend is down, overloaded or timing out)
 * and permanent (an operator must fix the cause, then replay), as the contract lists them. Each type has its own;
 * the call protection (retry, breaker) and the retry budget ask it.
 */
@FunctionalInterface
public interface FailureClassifier {

    boolean isTransient(Throwable error);

    /**
     * What every type shares, anywhere in the cause chain: lost or refused connections, timeouts, an interrupted
     * call (a worker stopping says nothing about the backend), Spring's transient data-access errors, and failures
     * that say so themselves ({@link TransientFailure}).
     */
    FailureClassifier NETWORK = error -> anyCause(error, FailureClassifier::isNetworkFailure);

    /** This classifier, or else {@link #NETWORK}. */
    default FailureClassifier orNetwork() {
        return error -> isTransient(error) || NETWORK.isTransient(error);
    }

    /** Whether any error in the cause chain matches. */
    static boolean anyCause(Throwable error, Predicate<Throwable> matches) {
        for (Throwable current = error; current != null; current = current.getCause()) {
            if (matches.test(current)) {
                return true;
            }
            if (current.getCause() == current) {
                break;
            }
        }
        return false;
    }

    private static boolean isNetworkFailure(Throwable error) {
        if (error instanceof TransientFailure transientFailure) {
            return transientFailure.isTransient();
        }
        return error instanceof InterruptedException || error instanceof ConnectException
                || error instanceof NoRouteToHostException || error instanceof SocketException
                || error instanceof InterruptedIOException || error instanceof TimeoutException
                || error instanceof TransientDataAccessException || error instanceof RecoverableDataAccessException
                || error instanceof DataAccessResourceFailureException;
    }

    /**
     * The wait the backend asked for (an HTTP {@code Retry-After}), from the first {@link TransientFailure} in the
     * cause chain that names one.
     */
    static Optional<Duration> retryAfter(Throwable error) {
        for (Throwable current = error; current != null; current = current.getCause()) {
            if (current instanceof TransientFailure failure && failure.retryAfter().isPresent()) {
                return failure.retryAfter();
            }
            if (current.getCause() == current) {
                break;
            }
        }
        return Optional.empty();
    }

    /** A failure that knows whether it is transient, such as an HTTP status from a downstream service. */
    interface TransientFailure {
        boolean isTransient();

        /**
         * How long the backend asked to be left alone (HTTP 429 with {@code Retry-After}): the task's next attempt
         * comes no sooner, and the call protection does not retry it within the call, so the ledger waits instead.
         */
        default Optional<Duration> retryAfter() {
            return Optional.empty();
        }
    }
}
