package dev.lethe.ledger;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Sorts a failed ledger write into transient (the database is down, overloaded or chose a deadlock victim: the stage
 * retries the same work) and permanent (the database refused these values: retrying cannot help, so only the record
 * or request they belong to ends). The contract's SQLSTATE classes decide, as they do for cleaners.
 */
public final class LedgerErrors {

    /** Connection exception, transaction rollback, insufficient resources, operator intervention. */
    private static final Set<String> TRANSIENT_SQLSTATE_CLASSES = Set.of("08", "40", "53", "57");

    private LedgerErrors() {
    }

    public static boolean isTransient(Throwable error) {
        for (Throwable current = error; current != null; current = current.getCause()) {
            if (current instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().length() >= 2) {
                // The first SQLSTATE down the chain is the database's own verdict.
                return TRANSIENT_SQLSTATE_CLASSES.contains(sql.getSQLState().substring(0, 2))
                        || sql instanceof SQLTransientException || sql instanceof SQLRecoverableException;
            }
            if (current instanceof CannotCreateTransactionException || current instanceof TransactionSystemException
                    || current instanceof TransientDataAccessException || current instanceof RecoverableDataAccessException
                    || current instanceof DataAccessResourceFailureException || current instanceof java.io.IOException
                    || current instanceof InterruptedException) {
                return true;
            }
            if (current.getCause() == current) {
                break;
            }
        }
        return false;
    }
}
