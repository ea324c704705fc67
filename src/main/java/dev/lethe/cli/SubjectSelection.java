package dev.lethe.cli;

import dev.lethe.core.DeletionRequest.Subject;
import dev.lethe.core.SafeErrors;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Selects the subjects of a bulk with a query on a configured datasource: the first column is the id; columns named
 * {@code type} and {@code tenant}, where present, override the defaults per row. The query runs in a read-only
 * transaction, so a selection can never change the data it selects from.
 */
final class SubjectSelection {

    private static final int FETCH_SIZE = 1_000;

    private final String datasourceName;
    private final SelectionSource source;
    private final String defaultType;
    private final String defaultTenant;

    SubjectSelection(String datasourceName, SelectionSource source, String defaultType, String defaultTenant) {
        if (source.url() == null || source.url().isBlank()) {
            throw new IllegalArgumentException("lethe.datasources." + datasourceName + ".url is not set");
        }
        this.datasourceName = datasourceName;
        this.source = source;
        this.defaultType = defaultType;
        this.defaultTenant = defaultTenant == null ? "" : defaultTenant;
    }

    /**
     * @throws SelectionFailedException when the query fails: nothing is selected, and the message holds the kind of
     *         error and its SQLSTATE only (a server's message can quote values)
     */
    BulkInput select(String query) {
        try (Connection connection = DriverManager.getConnection(source.url(), connectionProperties())) {
            connection.setReadOnly(true);
            // Without autocommit PostgreSQL's driver streams the rows by the fetch size instead of loading them all.
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.setFetchSize(FETCH_SIZE);
                try (ResultSet rows = statement.executeQuery(query)) {
                    return read(rows);
                }
            } finally {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw new SelectionFailedException("the selection query failed on datasource '" + datasourceName + "' ("
                    + SafeErrors.describe(e) + "); nothing was sent");
        }
    }

    private BulkInput read(ResultSet rows) throws SQLException {
        ResultSetMetaData columns = rows.getMetaData();
        int typeColumn = column(columns, "type");
        int tenantColumn = column(columns, "tenant");
        List<BulkSubject> subjects = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int row = 1; rows.next(); row++) {
            String id = rows.getString(1);
            String type = typeColumn > 0 ? rows.getString(typeColumn) : null;
            String tenant = tenantColumn > 0 ? rows.getString(tenantColumn) : null;
            if (id == null) {
                problems.add("row " + row + ": the id (first column) is null");
            } else {
                subjects.add(new BulkSubject("row " + row, new Subject(type == null ? defaultType : type, id,
                        tenant == null ? defaultTenant : tenant)));
            }
        }
        return new BulkInput(subjects, problems);
    }

    /** The position of a column with this label after the first (the id), or 0. */
    private static int column(ResultSetMetaData columns, String label) throws SQLException {
        for (int i = 2; i <= columns.getColumnCount(); i++) {
            if (label.equalsIgnoreCase(columns.getColumnLabel(i))) {
                return i;
            }
        }
        return 0;
    }

    private Properties connectionProperties() {
        Properties properties = new Properties();
        if (source.username() != null) {
            properties.setProperty("user", source.username());
        }
        if (source.password() != null) {
            properties.setProperty("password", source.password());
        }
        // PostgreSQL's error details quote row values; keep them out of messages (as the worker's pools do).
        properties.setProperty("logServerErrorDetail", "false");
        return properties;
    }

    /** The selection query failed: nothing was selected (exit 1, not a bad argument). */
    static final class SelectionFailedException extends IllegalStateException {
        SelectionFailedException(String message) {
            super(message);
        }
    }
}
