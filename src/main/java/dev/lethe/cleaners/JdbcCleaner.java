package dev.lethe.cleaners;

import dev.lethe.intake.DeletionRequest.Mode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * Erases a subject's rows from one table: HARD deletes them, SOFT sets the soft-delete column where it is null,
 * a dry run counts what either would affect. Names come from checked configuration; values are bound parameters.
 */
final class JdbcCleaner implements Cleaner {

    private final DataSource dataSource;
    private final JdbcTable table;
    private final int queryTimeoutSeconds;

    /** @param callTimeout the resource's call time limit; the database cancels a statement that runs longer */
    JdbcCleaner(DataSource dataSource, JdbcTable table, Duration callTimeout) {
        this.dataSource = dataSource;
        this.table = table;
        this.queryTimeoutSeconds = (int) Math.max(1, callTimeout.toSeconds());
    }

    @Override
    public long clean(CleanCommand command) throws SQLException {
        boolean soft = command.mode() == Mode.SOFT;
        if (soft && !supportsSoftDelete()) {
            return 0;
        }
        String sql = command.dryRun() ? table.countSql(soft, command.subject().hasTenant())
                : soft ? table.softDeleteSql(command.subject().hasTenant())
                : table.deleteSql(command.subject().hasTenant());
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setQueryTimeout(queryTimeoutSeconds);
            SubjectIdParameter.bind(statement, 1, command.subject().id());
            if (command.subject().hasTenant() && table.tenantColumn() != null) {
                statement.setString(2, command.subject().tenant());
            }
            return command.dryRun() ? count(statement) : statement.executeUpdate();
        } catch (SQLException e) {
            if (SubjectIdParameter.cannotMatch(e)) {
                return 0;
            }
            throw e;
        }
    }

    @Override
    public boolean supportsSoftDelete() {
        return table.softDeleteColumn() != null;
    }

    private static long count(PreparedStatement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
