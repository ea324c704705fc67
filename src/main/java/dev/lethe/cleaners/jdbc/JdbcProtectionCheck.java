package dev.lethe.cleaners.jdbc;

import dev.lethe.core.DeletionRequest.Subject;
import dev.lethe.core.InvalidConfigurationException;
import dev.lethe.plan.ProtectionCheck;
import dev.lethe.plan.ProtectionCheckFailedException;
import dev.lethe.core.SafeErrors;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.support.SQLExceptionSubclassTranslator;

/**
 * {@code lethe.protection}: a subject is protected when the query returns a row for its id. Fails closed: a
 * transient error (the database is down) is thrown for planning to wait and retry; any other error means the check
 * cannot decide, and the request is rejected ({@link ProtectionCheckFailedException}).
 */
final class JdbcProtectionCheck implements ProtectionCheck {

    private final DataSource dataSource;
    private final String datasource;
    private final String query;

    /** @param datasource the datasource's name, for messages */
    JdbcProtectionCheck(DataSource dataSource, String datasource, String query) {
        if (query.chars().filter(c -> c == '?').count() != 1) {
            throw new InvalidConfigurationException("lethe.protection.query must have exactly one '?' (the subject id)");
        }
        this.dataSource = dataSource;
        this.datasource = datasource;
        this.query = query;
    }

    /**
     * The query prepares on the database (at start): the server parses it and resolves its names and its
     * parameter's type, without running it. A transient error is thrown as is (the database is unreachable).
     *
     * @throws InvalidConfigurationException naming {@code lethe.protection.query} and the datasource
     */
    void verify(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.getParameterMetaData();
        } catch (SQLException e) {
            if (JdbcFailures.isTransient(e)) {
                throw e;
            }
            throw new InvalidConfigurationException("lethe.protection.query: does not prepare on datasource '"
                    + datasource + "' (" + SqlStates.describe(e) + ")");
        }
    }

    @Override
    public boolean isProtected(Subject subject) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(query)) {
            bindId(statement, subject.id());
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        } catch (SQLException e) {
            if (JdbcFailures.isTransient(e)) {
                DataAccessException translated = new SQLExceptionSubclassTranslator().translate("protection check", null, e);
                throw translated != null ? translated : new TransientDataAccessResourceException("protection check", e);
            }
            throw new ProtectionCheckFailedException(failure(e));
        } catch (RuntimeException e) {
            if (JdbcFailures.isTransient(e)) {
                throw e;
            }
            throw new ProtectionCheckFailedException(failure(e));
        }
    }

    private String failure(Exception e) {
        return "lethe.protection.query on datasource '" + datasource + "': " + SafeErrors.describe(e);
    }

    /**
     * Untyped on PostgreSQL: the parameter takes the type the query compares it with. A query comparing as text
     * accepts every id; one comparing with a number fails for an id that is not one, which rejects the request.
     */
    private static void bindId(PreparedStatement statement, String id) throws SQLException {
        if (statement.getConnection().getMetaData().getDatabaseProductName().equalsIgnoreCase("PostgreSQL")) {
            statement.setObject(1, id, Types.OTHER);
        } else {
            statement.setString(1, id);
        }
    }
}
