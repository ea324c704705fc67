package dev.lethe.cleaners.jdbc;

import dev.lethe.core.SafeErrors;
import java.sql.SQLException;

/**
 * A jdbc resource's table cannot be used as configured: it or a column does not exist (SQLSTATE 42P01, 42703), a
 * column has the wrong type or constraint for its setting, its {@code where} or {@code mask} is not valid SQL there,
 * or the database is not PostgreSQL (0A000). Permanent: an operator fixes the configuration or the schema, then
 * replays. At start-up the same problem stops the worker. The message names the setting, the datasource and schema
 * objects, never a value.
 */
final class UnusableTableException extends SQLException implements SafeErrors.SafeMessage {

    static final String UNDEFINED_TABLE = "42P01";
    static final String UNDEFINED_COLUMN = "42703";
    static final String DATATYPE_MISMATCH = "42804";
    static final String NOT_NULL_VIOLATION = "23502";
    static final String FEATURE_NOT_SUPPORTED = "0A000";

    UnusableTableException(String message, String sqlState) {
        super(message, sqlState);
    }

    @Override
    public String safeMessage() {
        return getMessage();
    }
}
