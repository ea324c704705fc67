package dev.lethe.cleaners.jdbc;

import dev.lethe.core.DeletionRequest.Subject;
import dev.lethe.plan.ProtectionCheck;
import dev.lethe.plan.ProtectionCheckFailedException;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * {@code lethe.protection}: a subject is protected when the query returns a row for its id. Fails closed: a
 * transient error (the database is down) is thrown for planning to wait and retry; any other error means the check
 * cannot decide, and the request is rejected ({@link ProtectionCheckFailedException}).
 */
final class JdbcProtectionCheck implements ProtectionCheck {

    private final JdbcSubjectQuery query;

    /** @param datasource the datasource's name, for messages */
    JdbcProtectionCheck(DataSource dataSource, String datasource, String query) {
        this.query = new JdbcSubjectQuery(dataSource, "lethe.protection", datasource, query,
                ProtectionCheckFailedException::new);
    }

    /** @see JdbcSubjectQuery#verify */
    void verify(Connection connection) throws SQLException {
        query.verify(connection);
    }

    @Override
    public boolean isProtected(Subject subject) {
        return query.matches(subject.id());
    }
}
