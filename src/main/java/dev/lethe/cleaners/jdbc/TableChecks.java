package dev.lethe.cleaners.jdbc;

import dev.lethe.cleaners.jdbc.ResolvedTable.JdbcStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything a jdbc resource's statements need, checked against the database before the first statement runs (at
 * start, or on the first call that reaches a database unreachable at start): the table and columns exist
 * ({@link TableCatalog}), the {@code where} and each {@code mask} are valid SQL on that table, a mask literal is a
 * value of its column's type, and every statement the resource can run is accepted by the planner. Statements are
 * only {@code explain}ed, never run. A failure names the setting, the datasource and the SQLSTATE, never the
 * server's message (it can quote values).
 */
final class TableChecks {

    private TableChecks() {
    }

    static ResolvedTable resolve(Connection connection, JdbcTable table, HmacPads pads, int timeoutSeconds)
            throws SQLException {
        ResolvedTable resolved = TableCatalog.resolve(connection, table, timeoutSeconds);
        Check check = new Check(connection, table, resolved.table(), timeoutSeconds);
        if (resolved.where() != null) {
            check.explain("select 1 from " + resolved.table() + " " + ResolvedTable.ROW + " where (" + resolved.where()
                    + ")", List.of(), "where", "is not a valid condition on");
        }
        for (MaskedColumn column : resolved.mask()) {
            List<Object> leading = new ArrayList<>();
            String assignment = column.assignment(pads, leading);
            String setting = "mask." + column.name();
            // The literal first: the planner may evaluate its cast, and this names the problem better.
            if (column.rule().kind() == MaskRule.Kind.LITERAL) {
                check.run("select " + column.literalSql(), List.of(column.rule().literal()), setting,
                        "is not a value of type " + column.type() + " in");
            }
            check.explain("update " + resolved.table() + " " + ResolvedTable.ROW + " set " + assignment + " where false",
                    leading, setting, "cannot be written to its column of");
        }
        // The statements as they run, without subjects: what only shows in them (a where naming one of ours).
        String setting = resolved.where() != null ? "where" : "table";
        for (boolean soft : table.softDeletes() ? new boolean[] {false, true} : new boolean[] {false}) {
            for (boolean dryRun : new boolean[] {false, true}) {
                JdbcStatement statement = resolved.statement(soft, dryRun, pads);
                List<Object> parameters = new ArrayList<>(statement.leading());
                parameters.add(connection.createArrayOf("text", new Object[0]));
                parameters.add(connection.createArrayOf("text", new Object[0]));
                check.explain(statement.sql(), parameters, setting, "does not give a valid statement on");
            }
        }
        return resolved;
    }

    private record Check(Connection connection, JdbcTable table, String qualified, int timeoutSeconds) {

        void explain(String sql, List<Object> parameters, String setting, String problem) throws SQLException {
            run("explain " + sql, parameters, setting, problem);
        }

        void run(String sql, List<Object> parameters, String setting, String problem) throws SQLException {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setQueryTimeout(timeoutSeconds);
                for (int i = 0; i < parameters.size(); i++) {
                    statement.setObject(i + 1, parameters.get(i));
                }
                statement.executeQuery().close();
            } catch (SQLException e) {
                if (JdbcFailures.isTransient(e) || e instanceof UnusableTableException) {
                    throw e;
                }
                throw new UnusableTableException(table.setting(setting) + ": " + problem + " " + qualified
                        + " in datasource '" + table.datasource() + "' (" + SqlStates.describe(e) + ")", e.getSQLState());
            }
        }
    }
}
