package dev.lethe.cleaners;

import dev.lethe.intake.DeletionRequest.Mode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Erases a subject's rows from one table: HARD deletes them, SOFT sets the soft-delete column where it is null,
 * a dry run counts what either would affect. Names come from checked configuration; values are bound parameters.
 */
final class JdbcCleaner implements Cleaner {

    private final DataSource dataSource;
    private final JdbcTable table;
    private final int queryTimeoutSeconds;
    private volatile String columnType;

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

    /**
     * Subjects without a tenant, in one statement per mode, on PostgreSQL; anything else one by one. An id that is
     * not a value of the column's type makes the statement fail, and the batch is then done one by one (where such
     * an id simply matches nothing). The same subject twice in a batch: the first gets the items, the second finds
     * them gone.
     */
    @Override
    public List<Long> cleanAll(List<CleanCommand> commands) throws Exception {
        if (commands.size() == 1 || !batchable(commands)) {
            return Cleaner.super.cleanAll(commands);
        }
        CleanCommand first = commands.get(0);
        boolean soft = first.mode() == Mode.SOFT;
        if (soft && !supportsSoftDelete()) {
            return commands.stream().map(command -> 0L).toList();
        }
        List<String> ids = commands.stream().map(command -> command.subject().id()).distinct().toList();
        Map<String, Long> affected = new HashMap<>();
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.getMetaData().getDatabaseProductName().equalsIgnoreCase("PostgreSQL")) {
                return Cleaner.super.cleanAll(commands);
            }
            String sql = table.batchSql(soft, first.dryRun(), columnType(connection));
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setQueryTimeout(queryTimeoutSeconds);
                statement.setArray(1, connection.createArrayOf("text", ids.toArray()));
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        affected.merge(rows.getString(1), 1L, Long::sum);
                    }
                }
            }
        } catch (SQLException e) {
            if (SubjectIdParameter.cannotMatch(e)) {
                return Cleaner.super.cleanAll(commands);
            }
            throw e;
        }
        Set<String> counted = new HashSet<>();
        return commands.stream()
                .map(command -> counted.add(command.subject().id()) ? affected.getOrDefault(command.subject().id(), 0L) : 0L)
                .toList();
    }

    private boolean batchable(List<CleanCommand> commands) {
        CleanCommand first = commands.get(0);
        return commands.stream().allMatch(command -> command.mode() == first.mode() && command.dryRun() == first.dryRun()
                && (!command.subject().hasTenant() || table.tenantColumn() == null));
    }

    /**
     * The subject column's SQL type without length or precision, read once from the catalog: casting to
     * {@code varchar(64)} or {@code numeric(12,0)} would truncate or round an id into someone else's.
     */
    private String columnType(Connection connection) throws SQLException {
        String known = columnType;
        if (known != null) {
            return known;
        }
        try (PreparedStatement statement = connection.prepareStatement(
                "select format_type(a.atttypid, null) from pg_attribute a"
                        + " where a.attrelid = cast(? as regclass) and a.attname = ? and not a.attisdropped")) {
            statement.setString(1, table.table());
            statement.setString(2, table.subjectColumn());
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    throw new SQLException("column " + table.subjectColumn() + " not found in " + table.table(), "42703");
                }
                columnType = rows.getString(1);
                return columnType;
            }
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
