package dev.lethe.ledger;

import dev.lethe.core.SqlFailures;
import java.sql.SQLException;
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

    private LedgerErrors() {
    }

    public static boolean isTransient(Throwable error) {
        for (Throwable current = error; current != null; current = current.getCause()) {
            if (current instanceof SQLException sql && sql.getSQLState() != null) {
                // The first SQLSTATE down the chain is the database's own verdict.
                return SqlFailures.isTransientSql(sql);
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
