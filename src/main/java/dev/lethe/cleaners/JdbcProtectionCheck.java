package dev.lethe.cleaners;

import dev.lethe.intake.DeletionRequest.Subject;
import dev.lethe.plan.InvalidConfigurationException;
import dev.lethe.plan.ProtectionCheck;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.jdbc.support.SQLExceptionSubclassTranslator;

/** {@code lethe.protection}: a subject is protected when the query returns a row for its id. */
final class JdbcProtectionCheck implements ProtectionCheck {

    private final DataSource dataSource;
    private final String query;

    JdbcProtectionCheck(DataSource dataSource, String query) {
        if (query.chars().filter(c -> c == '?').count() != 1) {
            throw new InvalidConfigurationException("lethe.protection.query must have exactly one '?' (the subject id)");
        }
        this.dataSource = dataSource;
        this.query = query;
    }

    @Override
    public boolean isProtected(Subject subject) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(query)) {
            SubjectIdParameter.bind(statement, 1, subject.id());
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        } catch (SQLException e) {
            if (SubjectIdParameter.cannotMatch(e)) {
                return false;
            }
            throw new SQLExceptionSubclassTranslator().translate("protection check", null, e);
        }
    }
}
