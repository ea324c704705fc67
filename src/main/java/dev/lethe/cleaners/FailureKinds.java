package dev.lethe.cleaners;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;

/**
 * Sorts failures into transient (a retry can help: the backend is down, overloaded or timing out) and permanent
 * (a missing table, a constraint: an operator must fix the cause, then replay), as the contract lists them.
 */
public final class FailureKinds {

    /** SQLSTATE classes: connection exception, transaction rollback, insufficient resources, operator intervention. */
    private static final Set<String> TRANSIENT_SQLSTATE_CLASSES = Set.of("08", "40", "53", "57");

    private FailureKinds() {
    }

    public static boolean isTransient(Throwable error) {
        for (Throwable current = error; current != null; current = current.getCause()) {
            if (isTransientItself(current)) {
                return true;
            }
            if (current.getCause() == current) {
                break;
            }
        }
        return false;
    }

    private static boolean isTransientItself(Throwable error) {
        if (error instanceof TransientFailure transientFailure) {
            return transientFailure.isTransient();
        }
        if (error instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().length() >= 2) {
            return TRANSIENT_SQLSTATE_CLASSES.contains(sql.getSQLState().substring(0, 2))
                    || sql instanceof SQLTransientException || sql instanceof SQLRecoverableException;
        }
        // An interrupted call (a worker stopping) says nothing about the backend: the task waits and runs again.
        return error instanceof InterruptedException
                || error instanceof SQLTransientException || error instanceof SQLRecoverableException
                || error instanceof ConnectException || error instanceof NoRouteToHostException
                || error instanceof SocketException || error instanceof InterruptedIOException
                || error instanceof TimeoutException
                || error instanceof TransientDataAccessException || error instanceof RecoverableDataAccessException
                || error instanceof DataAccessResourceFailureException;
    }

    /** A failure that knows whether it is transient, such as an HTTP status from a downstream service. */
    public interface TransientFailure {
        boolean isTransient();
    }
}
