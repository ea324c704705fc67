package dev.lethe.cleaners.jdbc;

import dev.lethe.core.DeletionRequest.Subject;
import dev.lethe.plan.LegalHoldCheck;
import dev.lethe.plan.LegalHoldCheckFailedException;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * {@code lethe.legal-hold}: a subject is held when the query returns a row for its id. Fails closed like the
 * protection check: a transient error makes planning wait, any other rejects the request
 * ({@link LegalHoldCheckFailedException}).
 */
final class JdbcLegalHoldCheck implements LegalHoldCheck {

    private final JdbcSubjectQuery query;

    /** @param datasource the datasource's name, for messages */
    JdbcLegalHoldCheck(DataSource dataSource, String datasource, String query) {
        this.query = new JdbcSubjectQuery(dataSource, "lethe.legal-hold", datasource, query,
                LegalHoldCheckFailedException::new);
    }

    /** @see JdbcSubjectQuery#verify */
    void verify(Connection connection) throws SQLException {
        query.verify(connection);
    }

    @Override
    public boolean isHeld(Subject subject) {
        return query.matches(subject.id());
    }
}
