package dev.lethe.core;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

/**
 * The contract's verdict on an SQL error, for every database Lethe talks to (the ledger and the jdbc resources):
 * SQLSTATE classes 08 (connection), 40 (transaction rollback: deadlock, serialization), 53 (insufficient resources)
 * and 57 (operator intervention), and the driver's transient and recoverable exceptions, are transient.
 */
public final class SqlFailures {

    private static final Set<String> TRANSIENT_SQLSTATE_CLASSES = Set.of("08", "40", "53", "57");

    private SqlFailures() {
    }

    /** Whether this one exception (not its causes) is a transient SQL error. */
    public static boolean isTransientSql(Throwable error) {
        if (error instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().length() >= 2
                && TRANSIENT_SQLSTATE_CLASSES.contains(sql.getSQLState().substring(0, 2))) {
            return true;
        }
        return error instanceof SQLTransientException || error instanceof SQLRecoverableException;
    }
}
