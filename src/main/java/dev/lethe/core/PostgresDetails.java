package dev.lethe.core;

import java.sql.SQLException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/** The parts of a PostgreSQL error that name schema objects, never values. */
final class PostgresDetails {

    private PostgresDetails() {
    }

    static void append(SQLException error, StringBuilder line) {
        if (!(error instanceof PSQLException psql) || psql.getServerErrorMessage() == null) {
            return;
        }
        ServerErrorMessage server = psql.getServerErrorMessage();
        appendIfPresent(line, "table", server.getTable());
        appendIfPresent(line, "column", server.getColumn());
        appendIfPresent(line, "constraint", server.getConstraint());
    }

    private static void appendIfPresent(StringBuilder line, String label, String value) {
        if (value != null && !value.isEmpty()) {
            line.append(' ').append(label).append(' ').append(value);
        }
    }
}
