package dev.lethe.cleaners.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds a jdbc resource's table and columns in the PostgreSQL catalog as PostgreSQL resolves the names: an
 * unqualified table through the search path, every name as the folded identifier. The statements then name the
 * table by the schema it was found in, so later changes to the search path cannot point them elsewhere.
 */
final class TableCatalog {

    private static final String LOOKUP = "select n.nspname, c.relname, a.attname, format_type(a.atttypid, a.atttypmod),"
            + " a.attnotnull from pg_class c join pg_namespace n on n.oid = c.relnamespace"
            + " left join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped"
            + " and a.attname::text = any(cast(? as text[]))"
            + " where c.oid = to_regclass(?)";

    private TableCatalog() {
    }

    static ResolvedTable resolve(Connection connection, JdbcTable table, int queryTimeoutSeconds) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName();
        if (!"PostgreSQL".equalsIgnoreCase(product)) {
            throw new UnusableTableException(table.setting("datasource") + ": type jdbc supports PostgreSQL only,"
                    + " and datasource '" + table.datasource() + "' is " + product, UnusableTableException.FEATURE_NOT_SUPPORTED);
        }
        String qualified = null;
        Map<String, Column> columns = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(LOOKUP)) {
            statement.setQueryTimeout(queryTimeoutSeconds);
            statement.setArray(1, connection.createArrayOf("text", table.columns().toArray()));
            // Untyped, so the server picks to_regclass's argument type whatever its version.
            statement.setObject(2, table.regclassName(), Types.OTHER);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    qualified = JdbcTable.quote(rows.getString(1)) + "." + JdbcTable.quote(rows.getString(2));
                    if (rows.getString(3) != null) {
                        columns.put(rows.getString(3), new Column(rows.getString(4), rows.getBoolean(5)));
                    }
                }
            }
        }
        if (qualified == null) {
            throw new UnusableTableException(table.setting("table") + ": relation " + table.regclassName()
                    + " does not exist in datasource '" + table.datasource() + "'", UnusableTableException.UNDEFINED_TABLE);
        }
        for (String column : table.columns()) {
            if (!columns.containsKey(column)) {
                throw new UnusableTableException(table.settingOf(column) + ": no column " + JdbcTable.quote(column)
                        + " in " + qualified + " in datasource '" + table.datasource() + "'",
                        UnusableTableException.UNDEFINED_COLUMN);
            }
        }
        return new ResolvedTable(qualified, JdbcTable.quote(table.subjectColumn()), columns.get(table.subjectColumn()).type(),
                quoteOrNull(table.softDeleteColumn()), flag(table, columns, qualified), quoteOrNull(table.tenantColumn()),
                table.where() == null ? null : table.where().text(), masked(table, columns, qualified));
    }

    private static String flag(JdbcTable table, Map<String, Column> columns, String qualified) throws SQLException {
        String flag = table.softDeleteFlag();
        if (flag != null && !columns.get(flag).type().equals("boolean")) {
            throw new UnusableTableException(table.setting("soft-delete-flag") + ": column " + JdbcTable.quote(flag)
                    + " of " + qualified + " is " + columns.get(flag).type() + ", not boolean",
                    UnusableTableException.DATATYPE_MISMATCH);
        }
        return quoteOrNull(flag);
    }

    private static List<MaskedColumn> masked(JdbcTable table, Map<String, Column> columns, String qualified)
            throws SQLException {
        List<MaskedColumn> masked = new ArrayList<>();
        for (Map.Entry<String, MaskRule> entry : table.mask().entrySet()) {
            Column column = columns.get(entry.getKey());
            if (entry.getValue().kind() == MaskRule.Kind.NULL && column.notNull()) {
                throw new UnusableTableException(table.setting("mask." + entry.getKey()) + ": column "
                        + JdbcTable.quote(entry.getKey()) + " of " + qualified + " is not null, so it cannot be masked"
                        + " with null", UnusableTableException.NOT_NULL_VIOLATION);
            }
            masked.add(new MaskedColumn(entry.getKey(), column.type(), entry.getValue()));
        }
        return masked;
    }

    private static String quoteOrNull(String column) {
        return column == null ? null : JdbcTable.quote(column);
    }

    private record Column(String type, boolean notNull) {
    }
}
