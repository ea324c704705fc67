package dev.lethe.cleaners.jdbc;

import dev.lethe.core.InvalidConfigurationException;
import dev.lethe.core.SafeErrors;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.function.Function;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.support.SQLExceptionSubclassTranslator;

/**
 * A configured query that tells something about a subject by returning a row for its id ({@code lethe.protection},
 * {@code lethe.legal-hold}). Fails closed: a transient error (the database is down) is thrown for planning to wait and
 * retry; any other error means the query cannot decide, and {@code cannotDecide} makes the exception that rejects the
 * request.
 */
final class JdbcSubjectQuery {

    private final DataSource dataSource;
    private final String setting;
    private final String datasource;
    private final String query;
    private final Function<String, RuntimeException> cannotDecide;

    /**
     * @param setting the settings' prefix, such as {@code lethe.protection}, for messages
     * @param datasource the datasource's name, for messages
     * @param cannotDecide the exception for an error a retry cannot fix, from a description without subject data
     * @throws InvalidConfigurationException when the query does not have exactly one {@code ?}
     */
    JdbcSubjectQuery(DataSource dataSource, String setting, String datasource, String query,
            Function<String, RuntimeException> cannotDecide) {
        if (query.chars().filter(c -> c == '?').count() != 1) {
            throw new InvalidConfigurationException(setting + ".query must have exactly one '?' (the subject id)");
        }
        this.dataSource = dataSource;
        this.setting = setting;
        this.datasource = datasource;
        this.query = query;
        this.cannotDecide = cannotDecide;
    }

    /**
     * The query prepares on the database (at start): the server parses it and resolves its names and its
     * parameter's type, without running it. A transient error is thrown as is (the database is unreachable).
     *
     * @throws InvalidConfigurationException naming the query's setting and the datasource
     */
    void verify(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.getParameterMetaData();
        } catch (SQLException e) {
            if (JdbcFailures.isTransient(e)) {
                throw e;
            }
            throw new InvalidConfigurationException(setting + ".query: does not prepare on datasource '"
                    + datasource + "' (" + SqlStates.describe(e) + ")");
        }
    }

    /** Whether the query returns a row for the subject's id. */
    boolean matches(String id) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(query)) {
            bindId(statement, id);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        } catch (SQLException e) {
            if (JdbcFailures.isTransient(e)) {
                String task = setting.substring(setting.lastIndexOf('.') + 1) + " check";
                DataAccessException translated = new SQLExceptionSubclassTranslator().translate(task, null, e);
                throw translated != null ? translated : new TransientDataAccessResourceException(task, e);
            }
            throw cannotDecide.apply(failure(e));
        } catch (RuntimeException e) {
            if (JdbcFailures.isTransient(e)) {
                throw e;
            }
            throw cannotDecide.apply(failure(e));
        }
    }

    private String failure(Exception e) {
        return setting + ".query on datasource '" + datasource + "': " + SafeErrors.describe(e);
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
