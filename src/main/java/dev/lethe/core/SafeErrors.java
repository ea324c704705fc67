package dev.lethe.core;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.util.concurrent.TimeoutException;

/**
 * Describes an error in one line without subject data. Driver and server messages quote values (a PostgreSQL
 * constraint message names the key it failed on), so only the error's kind, SQLSTATE and schema object names are
 * kept: enough for an operator to act on, nothing a compliance review would flag.
 */
public final class SafeErrors {

    private static final int MAX_LENGTH = 500;

    private SafeErrors() {
    }

    public static String describe(Throwable error) {
        Throwable root = rootCause(error);
        StringBuilder line = new StringBuilder(root.getClass().getSimpleName());
        SQLException sql = find(error, SQLException.class);
        if (sql != null && sql.getSQLState() != null) {
            line.append(" SQLSTATE ").append(sql.getSQLState());
            PostgresDetails.append(sql, line);
        }
        if (root instanceof SafeMessage safe) {
            line.append(": ").append(safe.safeMessage());
        } else if (root instanceof ConnectException || root instanceof SocketTimeoutException
                || root instanceof TimeoutException) {
            line.append(" (connection or timeout)");
        }
        String text = line.toString().replaceAll("[\\r\\n]+", " ");
        return text.length() > MAX_LENGTH ? text.substring(0, MAX_LENGTH) : text;
    }

    public static Throwable rootCause(Throwable error) {
        Throwable current = error;
        while (current.getCause() != null && current.getCause() != current) {
            current = current.getCause();
        }
        return current;
    }

    public static <T extends Throwable> T find(Throwable error, Class<T> type) {
        for (Throwable current = error; current != null; current = current.getCause()) {
            if (type.isInstance(current)) {
                return type.cast(current);
            }
            if (current.getCause() == current) {
                break;
            }
        }
        return null;
    }

    /** An exception of ours whose message is known to hold no subject data. */
    public interface SafeMessage {
        String safeMessage();
    }
}
