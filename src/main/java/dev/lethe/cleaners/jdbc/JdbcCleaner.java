package dev.lethe.cleaners.jdbc;

import dev.lethe.cleaners.CleanCommand;
import dev.lethe.cleaners.Cleaner;
import dev.lethe.cleaners.SubjectTemplate;
import dev.lethe.cleaners.jdbc.ResolvedTable.JdbcStatement;
import dev.lethe.core.DeletionRequest.Mode;
import dev.lethe.core.TaskOutcome;
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
 * Erases subjects' rows from one PostgreSQL table: HARD deletes them (or, with {@code mask}, overwrites their
 * personal columns), SOFT marks them (soft-delete column and/or flag) where not yet marked, a dry run counts what
 * either would affect. Only rows the {@code where} admits are touched. A row belongs to a subject only where its
 * stored value is exactly the subject value ({@code subject-value}, see {@link ResolvedTable}). One statement serves
 * one subject or many; names come from the catalog, values are bound parameters.
 */
final class JdbcCleaner implements Cleaner.Batched {

    private final DataSource dataSource;
    private final JdbcTable table;
    private final SubjectTemplate subjectValue;
    private final HmacPads pads;
    private final int queryTimeoutSeconds;
    /** Found in the catalog and checked on the first call; forgotten when a statement says the schema changed. */
    private volatile ResolvedTable resolved;

    /**
     * @param subjectValue how a subject appears in the subject column
     * @param pads the subject key's HMAC pads, for {@code hash} masks
     * @param callTimeout the resource's call time limit; the database cancels a statement that runs longer
     */
    JdbcCleaner(DataSource dataSource, JdbcTable table, SubjectTemplate subjectValue, HmacPads pads,
            Duration callTimeout) {
        this.dataSource = dataSource;
        this.table = table;
        this.subjectValue = subjectValue;
        this.pads = pads;
        this.queryTimeoutSeconds = (int) Math.max(1, callTimeout.toSeconds());
    }

    /**
     * Commands of one mode and kind (dry run or not) in one statement; a mix one by one, in order. The same subject
     * value twice (the same subject asked twice): in a dry run each command reports the same
     * count; in a real run the first gets the items and a repeat gets 0, as two calls in turn would (a repeated mask
     * that keeps the subject column would find the rows again, so the value is sent once and the repeat given 0).
     */
    @Override
    public List<Long> cleanAll(List<CleanCommand> commands) throws SQLException {
        CleanCommand first = commands.get(0);
        if (commands.stream().anyMatch(command -> command.mode() != first.mode() || command.dryRun() != first.dryRun())) {
            List<Long> items = new ArrayList<>(commands.size());
            for (CleanCommand command : commands) {
                items.add(cleanAll(List.of(command)).get(0));
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
            positions.computeIfAbsent(keyOf(command), key -> {
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
            SubjectKey key = keyOf(command);
            return first.dryRun() || counted.add(key) ? counts[positions.get(key)] : 0L;
        }).toList();
    }

    /**
     * Runs the statement for these subjects. A value that is not a value of the column's type fails the statement
     * with a data exception (SQLSTATE class 22): the subjects are then done one by one, and a lone subject whose
     * value does not convert matches nothing. A data exception with a value that converts (a trigger, say) is an
     * error.
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
                if (converts(connection, target, keys.get(0).value())) {
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
        JdbcStatement sql = target.statement(soft, dryRun, pads);
        try (PreparedStatement statement = connection.prepareStatement(sql.sql())) {
            statement.setQueryTimeout(queryTimeoutSeconds);
            int parameter = 0;
            for (Object value : sql.leading()) {
                statement.setObject(++parameter, value);
            }
            statement.setArray(++parameter, connection.createArrayOf("text", keys.stream().map(SubjectKey::value).toArray()));
            statement.setArray(++parameter, connection.createArrayOf("text", keys.stream().map(SubjectKey::tenant).toArray()));
            long[] counts = new long[keys.size()];
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    counts[rows.getInt(1) - 1] = rows.getLong(2);
                }
            }
            return counts;
        }
    }

    private boolean converts(Connection connection, ResolvedTable target, String value) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(target.conversionSql())) {
            statement.setQueryTimeout(queryTimeoutSeconds);
            statement.setString(1, value);
            statement.executeQuery().close();
            return true;
        } catch (SQLException e) {
            if (isDataException(e)) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Looks the table up and checks the resource's statements against it ({@link TableChecks}); at start-up, and
     * again on the next call after a statement said the schema changed.
     *
     * @throws UnusableTableException naming the setting that does not fit the table
     */
    ResolvedTable resolved(Connection connection) throws SQLException {
        ResolvedTable known = resolved;
        if (known == null) {
            known = TableChecks.resolve(connection, table, pads, queryTimeoutSeconds);
            resolved = known;
        }
        return known;
    }

    private SubjectKey keyOf(CleanCommand command) {
        return SubjectKey.of(command, subjectValue.expand(command.subject()), table.tenantColumn() != null);
    }

    private static boolean isDataException(SQLException error) {
        return error.getSQLState() != null && error.getSQLState().startsWith("22");
    }

    @Override
    public TaskOutcome hardOutcome() {
        return table.mask().isEmpty() ? TaskOutcome.DELETED : TaskOutcome.MASKED;
    }

    @Override
    public boolean supportsSoftDelete() {
        return table.softDeletes();
    }

    /** A dry run counts the subject's rows (SOFT: those not yet marked); masked rows still match, so masks cannot. */
    @Override
    public boolean countsWhatRemains() {
        return table.mask().isEmpty();
    }
}
