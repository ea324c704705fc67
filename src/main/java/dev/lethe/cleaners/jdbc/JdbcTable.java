package dev.lethe.cleaners.jdbc;

import dev.lethe.core.InvalidConfigurationException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A table and its columns as a jdbc resource names them: checked as plain SQL identifiers at start and folded to
 * lower case, as PostgreSQL folds an unquoted identifier, so {@code Posts} names the table {@code posts}. The names
 * are looked up in the catalog ({@link TableCatalog}) and always written quoted, so a keyword such as {@code user}
 * names that column and never becomes {@code CURRENT_USER}.
 *
 * @param resource the resource name, for messages
 * @param datasource the datasource name, for messages
 * @param schema the schema, or null for the search path
 * @param table the table name
 * @param subjectColumn compared with the subject value
 * @param softDeleteColumn timestamp set by SOFT, or null
 * @param softDeleteFlag boolean set to true by SOFT, or null
 * @param tenantColumn compared with the subject's tenant, or null
 * @param where the extra condition, or null
 * @param mask what HARD writes into each masked column (by column, in name order); empty: HARD deletes
 */
record JdbcTable(String resource, String datasource, String schema, String table, String subjectColumn,
        String softDeleteColumn, String softDeleteFlag, String tenantColumn, SqlCondition where,
        Map<String, MaskRule> mask) {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]{0,62}");
    private static final Pattern QUALIFIED = Pattern.compile(IDENTIFIER + "(\\." + IDENTIFIER + ")?");

    static JdbcTable checked(String resource, JdbcSettings settings) {
        require(resource, "table", settings.table(), QUALIFIED, true);
        require(resource, "subject-column", settings.subjectColumn(), IDENTIFIER, true);
        require(resource, "soft-delete-column", settings.softDeleteColumn(), IDENTIFIER, false);
        require(resource, "soft-delete-flag", settings.softDeleteFlag(), IDENTIFIER, false);
        require(resource, "tenant-column", settings.tenantColumn(), IDENTIFIER, false);
        Map<String, MaskRule> mask = new TreeMap<>();
        settings.mask().forEach((column, rule) -> {
            require(resource, "mask." + column, column, IDENTIFIER, true);
            String setting = "lethe.resources." + resource + ".mask." + column;
            if (mask.put(fold(column), MaskRule.parse(setting, rule)) != null) {
                throw new InvalidConfigurationException(setting + " names column " + fold(column) + " twice");
            }
        });
        String[] parts = fold(settings.table()).split("\\.");
        return new JdbcTable(resource, settings.datasource(), parts.length == 2 ? parts[0] : null,
                parts[parts.length - 1], fold(settings.subjectColumn()), fold(settings.softDeleteColumn()),
                fold(settings.softDeleteFlag()), fold(settings.tenantColumn()),
                SqlCondition.checked(resource, settings.where()), Collections.unmodifiableMap(mask));
    }

    /** A plain table on datasource {@code app}: tests of names and identity. */
    static JdbcTable checked(String resource, String table, String subjectColumn, String softDeleteColumn,
            String tenantColumn) {
        return checked(resource, new JdbcSettings("app", table, subjectColumn, softDeleteColumn, null, tenantColumn,
                null, Map.of()));
    }

    /** The name as {@code to_regclass} takes it: quoted, so it is not folded again, and unqualified when configured so. */
    String regclassName() {
        return schema == null ? quote(table) : quote(schema) + "." + quote(table);
    }

    /** Whether SOFT can mark rows here: a soft-delete column or flag is configured. */
    boolean softDeletes() {
        return softDeleteColumn != null || softDeleteFlag != null;
    }

    /** The configured columns, subject column first, each once. */
    List<String> columns() {
        Set<String> columns = new LinkedHashSet<>();
        columns.add(subjectColumn);
        for (String column : new String[] {softDeleteColumn, softDeleteFlag, tenantColumn}) {
            if (column != null) {
                columns.add(column);
            }
        }
        columns.addAll(mask.keySet());
        return new ArrayList<>(columns);
    }

    /** The setting that configures a column, for messages (the first, when a column serves twice). */
    String settingOf(String column) {
        String setting = column.equals(subjectColumn) ? "subject-column"
                : column.equals(softDeleteColumn) ? "soft-delete-column"
                : column.equals(softDeleteFlag) ? "soft-delete-flag"
                : column.equals(tenantColumn) ? "tenant-column" : "mask." + column;
        return setting(setting);
    }

    /** {@code lethe.resources.<resource>.<name>}. */
    String setting(String name) {
        return "lethe.resources." + resource + "." + name;
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
