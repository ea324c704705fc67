package dev.lethe.cleaners.jdbc;

import dev.lethe.cleaners.Cleaner;
import dev.lethe.cleaners.CleanCommand;

import dev.lethe.core.DeletionRequest.Mode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Erases subjects' rows from one PostgreSQL table: HARD deletes them, SOFT sets the soft-delete column where it is
 * null, a dry run counts what either would affect. A row belongs to a subject only where its stored value is
 * exactly the id (see {@link ResolvedTable}). One statement serves one subject or many; names come from the catalog,
 * values are bound parameters.
 */
final class JdbcCleaner implements Cleaner {

    private final DataSource dataSource;
    private final JdbcTable table;
    private final int queryTimeoutSeconds;
    /** Found in the catalog on the first call; forgotten when a statement says the schema changed. */
    private volatile ResolvedTable resolved;

    /** @param callTimeout the resource's call time limit; the database cancels a statement that runs longer */
    JdbcCleaner(DataSource dataSource, JdbcTable table, Duration callTimeout) {
        this.dataSource = dataSource;
        this.table = table;
        this.queryTimeoutSeconds = (int) Math.max(1, callTimeout.toSeconds());
    }

    @Override
    public long clean(CleanCommand command) throws SQLException {
        return cleanAll(List.of(command)).get(0);
    }

    /**
     * Commands of one mode and kind (dry run or not) in one statement; a mix one by one, in order. The same subject
     * twice: in a dry run each command reports the same count; in a real run the first gets the items and a repeat
     * finds them gone, as two calls in turn would.
     */
    @Override
    public List<Long> cleanAll(List<CleanCommand> commands) throws SQLException {
        CleanCommand first = commands.get(0);
        if (commands.stream().anyMatch(command -> command.mode() != first.mode() || command.dryRun() != first.dryRun())) {
            List<Long> items = new ArrayList<>(commands.size());
            for (CleanCommand command : commands) {
                items.add(clean(command));
            }
            return items;
        }
        boolean soft = first.mode() == Mode.SOFT;
        if (soft && !supportsSoftDelete()) {
            return commands.stream().map(command -> 0L).toList();
        }
        Map<SubjectKey, Integer> positions = new HashMap<>();
        List<SubjectKey> keys = new ArrayList<>();
        for (CleanCommand command : commands) {
            positions.computeIfAbsent(SubjectKey.of(command, table.tenantColumn() != null), key -> {
                keys.add(key);
                return keys.size() - 1;
            });
        }
        long[] counts;
        try (Connection connection = dataSource.getConnection()) {
            counts = run(connection, resolved(connection), keys, soft, first.dryRun());
        }
        Set<SubjectKey> counted = new HashSet<>();
        return commands.stream().map(command -> {
            SubjectKey key = SubjectKey.of(command, table.tenantColumn() != null);
            return first.dryRun() || counted.add(key) ? counts[positions.get(key)] : 0L;
        }).toList();
    }

    /**
     * Runs the statement for these subjects. An id that is not a value of the column's type fails the statement
     * with a data exception (SQLSTATE class 22): the subjects are then done one by one, and a lone subject whose
     * id does not convert matches nothing. A data exception with an id that converts (a trigger, say) is an error.
     */
    private long[] run(Connection connection, ResolvedTable target, List<SubjectKey> keys, boolean soft, boolean dryRun)
            throws SQLException {
        try {
            return execute(connection, target, keys, soft, dryRun);
        } catch (SQLException e) {
            if (!isDataException(e)) {
                if (e.getSQLState() != null && e.getSQLState().startsWith("42")) {
                    resolved = null; // a renamed column or changed type: look again on the next call
                }
                throw e;
            }
            if (keys.size() == 1) {
                if (converts(connection, target, keys.get(0).id())) {
                    throw e;
                }
                return new long[] {0};
            }
            long[] counts = new long[keys.size()];
            for (int i = 0; i < keys.size(); i++) {
                counts[i] = run(connection, target, List.of(keys.get(i)), soft, dryRun)[0];
            }
            return counts;
        }
    }

    private long[] execute(Connection connection, ResolvedTable target, List<SubjectKey> keys, boolean soft,
            boolean dryRun) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(target.statement(soft, dryRun))) {
            statement.setQueryTimeout(queryTimeoutSeconds);
            statement.setArray(1, connection.createArrayOf("text", keys.stream().map(SubjectKey::id).toArray()));
            statement.setArray(2, connection.createArrayOf("text", keys.stream().map(SubjectKey::tenant).toArray()));
            long[] counts = new long[keys.size()];
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    counts[rows.getInt(1) - 1] = rows.getLong(2);
                }
            }
            return counts;
        }
    }

    private boolean converts(Connection connection, ResolvedTable target, String id) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(target.conversionSql())) {
            statement.setQueryTimeout(queryTimeoutSeconds);
            statement.setString(1, id);
            statement.executeQuery().close();
            return true;
        } catch (SQLException e) {
            if (isDataException(e)) {
                return false;
            }
            throw e;
        }
    }

    private ResolvedTable resolved(Connection connection) throws SQLException {
        ResolvedTable known = resolved;
        if (known == null) {
            known = TableCatalog.resolve(connection, table, queryTimeoutSeconds);
            resolved = known;
        }
        return known;
    }

    private static boolean isDataException(SQLException error) {
        return error.getSQLState() != null && error.getSQLState().startsWith("22");
    }

    @Override
    public boolean supportsSoftDelete() {
        return table.softDeleteColumn() != null;
    }
}
