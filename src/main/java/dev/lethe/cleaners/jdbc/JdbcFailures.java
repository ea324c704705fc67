package dev.lethe.cleaners.jdbc;

import dev.lethe.cleaners.FailureClassifier;
import dev.lethe.core.SqlFailures;

/**
 * The jdbc type's failures: SQLSTATE classes 08 (connection), 40 (transaction rollback: deadlock, serialization),
 * 53 (insufficient resources) and 57 (operator intervention) are transient, as are the driver's transient and
 * recoverable exceptions and every network failure; anything else (a missing table, a constraint) is permanent.
 */
final class JdbcFailures {

    static final FailureClassifier CLASSIFIER =
            ((FailureClassifier) error -> FailureClassifier.anyCause(error, SqlFailures::isTransientSql)).orNetwork();

    private JdbcFailures() {
    }

    static boolean isTransient(Throwable error) {
        return CLASSIFIER.isTransient(error);
    }
}
