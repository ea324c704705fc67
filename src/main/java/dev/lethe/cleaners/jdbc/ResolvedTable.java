package dev.lethe.cleaners.jdbc;

import java.util.ArrayList;
import java.util.List;

/**
 * A jdbc resource's table as found in the catalog, and the statements a {@link JdbcCleaner} runs on it. Names are
 * quoted; values are always bound: the subject values and their tenants (null where not narrowed) are two
 * {@code text[]} parameters, after those of the {@code set} list (a mask's key pads and literals). One shape serves
 * one subject and many, so the two cannot disagree. The subject arrays are unnested under names no table is likely
 * to use ({@code lethe_ids.lethe_value}, ...) and every column is qualified, so neither a {@code where} nor a
 * table's column can take one for the other.
 *
 * @param table schema-qualified quoted table name
 * @param subjectColumn quoted
 * @param subjectType the subject column's full SQL type ({@code format_type} with its modifier, e.g. {@code character(8)})
 * @param softDeleteColumn quoted, or null
 * @param softDeleteFlag quoted boolean column, or null
 * @param tenantColumn quoted, or null
 * @param where the extra condition as configured, or null
 * @param mask the masked columns; empty when HARD deletes
 */
record ResolvedTable(String table, String subjectColumn, String subjectType, String softDeleteColumn,
        String softDeleteFlag, String tenantColumn, String where, List<MaskedColumn> mask) {

    static final String ROW = "lethe_row";
    private static final String IDS = "unnest(cast(? as text[]), cast(? as text[])) with ordinality"
            + " as lethe_ids(lethe_value, lethe_tenant, lethe_position)";

    ResolvedTable {
        mask = List.copyOf(mask);
    }

    /**
     * Rows affected (or, for a dry run, that would be) per subject: one row {@code (position, count)} per subject
     * that has any, {@code position} being its 1-based place in the arrays.
     */
    JdbcStatement statement(boolean soft, boolean dryRun, HmacPads pads) {
        String condition = match() + (soft ? " and " + unmarked() : "");
        if (dryRun) {
            return new JdbcStatement("select lethe_ids.lethe_position, count(*) from " + IDS + " join " + table + " "
                    + ROW + " on " + condition + " group by lethe_ids.lethe_position", List.of());
        }
        List<Object> leading = new ArrayList<>();
        String change;
        if (soft) {
            change = "update " + table + " " + ROW + " set " + marks() + " from " + IDS + " where " + condition;
        } else if (mask.isEmpty()) {
            change = "delete from " + table + " " + ROW + " using " + IDS + " where " + condition;
        } else {
            change = "update " + table + " " + ROW + " set " + assignments(pads, leading) + " from " + IDS
                    + " where " + condition;
        }
        return new JdbcStatement("with lethe_affected as (" + change + " returning lethe_ids.lethe_position)"
                + " select lethe_position, count(*) from lethe_affected group by lethe_position", leading);
    }

    /** Converts one value to the subject column's type: fails with a data exception when it is not a value of it. */
    String conversionSql() {
        return "select cast(cast(? as text) as " + subjectType + ")";
    }

    /** The {@code set} list of a masking update; its parameters are added to {@code leading} in order. */
    String assignments(HmacPads pads, List<Object> leading) {
        List<String> assignments = new ArrayList<>();
        for (MaskedColumn column : mask) {
            assignments.add(column.assignment(pads, leading));
        }
        return String.join(", ", assignments);
    }

    /**
     * The stored value equals the subject value exactly. The first comparison, in the column's own type, lets the
     * column's index find the candidates; the cast to the full type may truncate, pad or round ({@code varchar(4)}
     * keeps four characters, {@code bit(8)} pads, {@code numeric(5,2)} rounds, {@code bigint} reads {@code 07} as
     * 7), so the second requires the stored value's text to be the value itself, byte for byte ({@code collate "C"}:
     * a case-insensitive column collation must not widen it). For {@code char(n)} that text has no trailing spaces,
     * so {@code m} matches a stored {@code 'm'} and {@code "m "} matches nothing. The tenant is compared as text.
     * The {@code where} comes last, in parentheses of its own.
     */
    private String match() {
        String column = ROW + "." + subjectColumn;
        String match = column + " = cast(lethe_ids.lethe_value as " + subjectType + ")"
                + " and cast(" + column + " as text) collate \"C\" = lethe_ids.lethe_value";
        if (tenantColumn != null) {
            match += " and (lethe_ids.lethe_tenant is null or cast(" + ROW + "." + tenantColumn
                    + " as text) collate \"C\" = lethe_ids.lethe_tenant)";
        }
        return where == null ? match : match + " and (" + where + ")";
    }

    /** Not yet marked: the timestamp is null, or, with only a flag, the flag is not true. */
    private String unmarked() {
        return softDeleteColumn != null ? ROW + "." + softDeleteColumn + " is null"
                : ROW + "." + softDeleteFlag + " is not true";
    }

    private String marks() {
        List<String> marks = new ArrayList<>();
        if (softDeleteColumn != null) {
            marks.add(softDeleteColumn + " = current_timestamp");
        }
        if (softDeleteFlag != null) {
            marks.add(softDeleteFlag + " = true");
        }
        return String.join(", ", marks);
    }

    /**
     * A statement and the parameters that come before the two subject arrays.
     *
     * @param sql the statement
     * @param leading values of its first parameters ({@code byte[]} pads, {@code String} literals), in order
     */
    record JdbcStatement(String sql, List<Object> leading) {
    }
}
