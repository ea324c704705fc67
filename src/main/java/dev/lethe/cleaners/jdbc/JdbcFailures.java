package dev.lethe.cleaners.jdbc;

import dev.lethe.cleaners.FailureClassifier;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

/**
 * The jdbc type's failures: SQLSTATE classes 08 (connection), 40 (transaction rollback: deadlock, serialization),
 * 53 (insufficient resources) and 57 (operator intervention) are transient, as are the driver's transient and
 * recoverable exceptions and every network failure; anything else (a missing table, a constraint) is permanent.
 */
final class JdbcFailures {

    private static final Set<String> TRANSIENT_SQLSTATE_CLASSES = Set.of("08", "40", "53", "57");

    static final FailureClassifier CLASSIFIER =
            ((FailureClassifier) error -> FailureClassifier.anyCause(error, JdbcFailures::isTransientSql)).orNetwork();

    private JdbcFailures() {
    }

    static boolean isTransient(Throwable error) {
        return CLASSIFIER.isTransient(error);
    }

    private static boolean isTransientSql(Throwable error) {
        if (error instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().length() >= 2
                && TRANSIENT_SQLSTATE_CLASSES.contains(sql.getSQLState().substring(0, 2))) {
            return true;
        }
        return error instanceof SQLTransientException || error instanceof SQLRecoverableException;
    }
}
