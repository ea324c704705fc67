package dev.lethe.cleaners;

import dev.lethe.plan.InvalidConfigurationException;
import java.util.regex.Pattern;

/**
 * A table and its columns as a jdbc resource names them, checked as plain SQL identifiers so they can be written
 * into statements; the statements a {@link JdbcCleaner} runs.
 */
record JdbcTable(String table, String subjectColumn, String softDeleteColumn, String tenantColumn) {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]{0,62}");
    private static final Pattern QUALIFIED = Pattern.compile(IDENTIFIER + "(\\." + IDENTIFIER + ")?");

    static JdbcTable checked(String resource, String table, String subjectColumn, String softDeleteColumn,
            String tenantColumn) {
        require(resource, "table", table, QUALIFIED, true);
        require(resource, "subject-column", subjectColumn, IDENTIFIER, true);
        require(resource, "soft-delete-column", softDeleteColumn, IDENTIFIER, false);
        require(resource, "tenant-column", tenantColumn, IDENTIFIER, false);
        return new JdbcTable(table, subjectColumn, softDeleteColumn, tenantColumn);
    }

    String deleteSql(boolean withTenant) {
        return "delete from " + table + where(withTenant);
    }

    String softDeleteSql(boolean withTenant) {
        return "update " + table + " set " + softDeleteColumn + " = current_timestamp" + where(withTenant)
                + " and " + softDeleteColumn + " is null";
    }

    String countSql(boolean soft, boolean withTenant) {
        return "select count(*) from " + table + where(withTenant)
                + (soft ? " and " + softDeleteColumn + " is null" : "");
    }

    /**
     * One statement for many subjects (no tenant), returning one row per affected row with the subject id as it was
     * given, so the items can be counted per subject. {@code columnType} is the subject column's SQL type, so the
     * ids are compared as that type and the column's index is used.
     */
    String batchSql(boolean soft, boolean dryRun, String columnType) {
        String ids = "unnest(cast(? as text[])) as ids(raw)";
        String match = "t." + subjectColumn + " = cast(ids.raw as " + columnType + ")";
        String unmarked = soft ? " and t." + softDeleteColumn + " is null" : "";
        if (dryRun) {
            return "select ids.raw from " + ids + " join " + table + " t on " + match + unmarked;
        }
        if (soft) {
            return "update " + table + " t set " + softDeleteColumn + " = current_timestamp from " + ids
                    + " where " + match + unmarked + " returning ids.raw";
        }
        return "delete from " + table + " t using " + ids + " where " + match + " returning ids.raw";
    }

    private String where(boolean withTenant) {
        return " where " + subjectColumn + " = ?" + (withTenant && tenantColumn != null ? " and " + tenantColumn + " = ?" : "");
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
