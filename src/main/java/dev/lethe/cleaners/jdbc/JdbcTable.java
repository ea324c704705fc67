package dev.lethe.cleaners.jdbc;

import dev.lethe.core.InvalidConfigurationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A table and its columns as a jdbc resource names them: checked as plain SQL identifiers at start and folded to
 * lower case, as PostgreSQL folds an unquoted identifier, so {@code Posts} names the table {@code posts}. The names
 * are looked up in the catalog ({@link TableCatalog}) and always written quoted, so a keyword such as {@code user}
 * names that column and never becomes {@code CURRENT_USER}.
 *
 * @param resource the resource name, for messages
 * @param schema the schema, or null for the search path
 * @param table the table name
 * @param subjectColumn compared with the subject id
 * @param softDeleteColumn set by SOFT, or null
 * @param tenantColumn compared with the subject's tenant, or null
 */
record JdbcTable(String resource, String schema, String table, String subjectColumn, String softDeleteColumn,
        String tenantColumn) {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]{0,62}");
    private static final Pattern QUALIFIED = Pattern.compile(IDENTIFIER + "(\\." + IDENTIFIER + ")?");

    static JdbcTable checked(String resource, String table, String subjectColumn, String softDeleteColumn,
            String tenantColumn) {
        require(resource, "table", table, QUALIFIED, true);
        require(resource, "subject-column", subjectColumn, IDENTIFIER, true);
        require(resource, "soft-delete-column", softDeleteColumn, IDENTIFIER, false);
        require(resource, "tenant-column", tenantColumn, IDENTIFIER, false);
        String[] parts = fold(table).split("\\.");
        return new JdbcTable(resource, parts.length == 2 ? parts[0] : null, parts[parts.length - 1],
                fold(subjectColumn), fold(softDeleteColumn), fold(tenantColumn));
    }

    /** The name as {@code to_regclass} takes it: quoted, so it is not folded again, and unqualified when configured so. */
    String regclassName() {
        return schema == null ? quote(table) : quote(schema) + "." + quote(table);
    }

    /** The configured columns, subject column first. */
    List<String> columns() {
        List<String> columns = new ArrayList<>(List.of(subjectColumn));
        if (softDeleteColumn != null) {
            columns.add(softDeleteColumn);
        }
        if (tenantColumn != null) {
            columns.add(tenantColumn);
        }
        return columns;
    }

    /** The setting that configures a column, for messages. */
    String settingOf(String column) {
        String setting = column.equals(subjectColumn) ? "subject-column"
                : column.equals(softDeleteColumn) ? "soft-delete-column" : "tenant-column";
        return "lethe.resources." + resource + "." + setting;
    }

    /** An identifier as a quoted SQL identifier, a {@code "} doubled. */
    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    private static String fold(String identifier) {
        return identifier == null || identifier.isBlank() ? null : identifier.toLowerCase(Locale.ROOT);
    }

    private static void require(String resource, String setting, String value, Pattern pattern, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                throw InvalidConfigurationException.forResource(resource, setting + " is required for type jdbc");
            }
            return;
        }
        if (!pattern.matcher(value).matches()) {
            throw InvalidConfigurationException.forResource(resource,
                    setting + " '" + value + "' is not a plain SQL identifier");
        }
    }
}
