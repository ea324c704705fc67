package dev.lethe.cleaners.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.HashMap;
import java.util.Map;

/**
 * Finds a jdbc resource's table and columns in the PostgreSQL catalog as PostgreSQL resolves the names: an
 * unqualified table through the search path, every name as the folded identifier. The statements then name the
 * table by the schema it was found in, so later changes to the search path cannot point them elsewhere.
 */
final class TableCatalog {

    private static final String LOOKUP = "select n.nspname, c.relname, a.attname, format_type(a.atttypid, a.atttypmod)"
            + " from pg_class c join pg_namespace n on n.oid = c.relnamespace"
            + " left join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped"
            + " and a.attname::text = any(cast(? as text[]))"
            + " where c.oid = to_regclass(?)";

    private TableCatalog() {
    }

    static ResolvedTable resolve(Connection connection, JdbcTable table, int queryTimeoutSeconds) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName();
        if (!"PostgreSQL".equalsIgnoreCase(product)) {
            throw new UnusableTableException("lethe.resources." + table.resource() + ": type jdbc supports PostgreSQL"
                    + " only, and the datasource is " + product, UnusableTableException.FEATURE_NOT_SUPPORTED);
        }
        String qualified = null;
        Map<String, String> types = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(LOOKUP)) {
            statement.setQueryTimeout(queryTimeoutSeconds);
            statement.setArray(1, connection.createArrayOf("text", table.columns().toArray()));
            // Untyped, so the server picks to_regclass's argument type whatever its version.
            statement.setObject(2, table.regclassName(), Types.OTHER);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    qualified = JdbcTable.quote(rows.getString(1)) + "." + JdbcTable.quote(rows.getString(2));
                    if (rows.getString(3) != null) {
                        types.put(rows.getString(3), rows.getString(4));
                    }
                }
            }
        }
        if (qualified == null) {
            throw new UnusableTableException("lethe.resources." + table.resource() + ".table: relation "
                    + table.regclassName() + " does not exist", UnusableTableException.UNDEFINED_TABLE);
        }
        for (String column : table.columns()) {
            if (!types.containsKey(column)) {
                throw new UnusableTableException(table.settingOf(column) + ": no column " + JdbcTable.quote(column)
                        + " in " + qualified, UnusableTableException.UNDEFINED_COLUMN);
            }
        }
        return new ResolvedTable(qualified, JdbcTable.quote(table.subjectColumn()), types.get(table.subjectColumn()),
                quoteOrNull(table.softDeleteColumn()), quoteOrNull(table.tenantColumn()));
    }

    private static String quoteOrNull(String column) {
        return column == null ? null : JdbcTable.quote(column);
    }
}
