package dev.lethe.cleaners.jdbc;

/**
 * A jdbc resource's table as found in the catalog, and the statements a {@link JdbcCleaner} runs on it. Names are
 * quoted; values are always bound: parameter 1 is the subject ids, parameter 2 their tenants (null where not
 * narrowed), both {@code text[]}. One shape serves one subject and many, so the two cannot disagree.
 *
 * @param table schema-qualified quoted table name
 * @param subjectColumn quoted
 * @param subjectType the subject column's full SQL type ({@code format_type} with its modifier, e.g. {@code character(8)})
 * @param softDeleteColumn quoted, or null
 * @param tenantColumn quoted, or null
 */
record ResolvedTable(String table, String subjectColumn, String subjectType, String softDeleteColumn,
        String tenantColumn) {

    private static final String IDS =
            "unnest(cast(? as text[]), cast(? as text[])) with ordinality as ids(raw, tenant, n)";

    /**
     * Rows affected (or, for a dry run, that would be) per subject: one row {@code (n, count)} per subject that has
     * any, {@code n} being its 1-based position in the arrays.
     */
    String statement(boolean soft, boolean dryRun) {
        String where = match() + (soft ? " and t." + softDeleteColumn + " is null" : "");
        if (dryRun) {
            return "select ids.n, count(*) from " + IDS + " join " + table + " t on " + where + " group by ids.n";
        }
        String change = soft
                ? "update " + table + " t set " + softDeleteColumn + " = current_timestamp from " + IDS + " where " + where
                : "delete from " + table + " t using " + IDS + " where " + where;
        return "with affected as (" + change + " returning ids.n) select n, count(*) from affected group by n";
    }

    /** Converts one id to the subject column's type: fails with a data exception when it is not a value of it. */
    String conversionSql() {
        return "select cast(cast(? as text) as " + subjectType + ")";
    }

    /**
     * The stored value equals the id exactly. The first comparison, in the column's own type, lets the column's
     * index find the candidates; the cast to the full type may truncate, pad or round ({@code varchar(4)} keeps four
     * characters, {@code bit(8)} pads, {@code numeric(5,2)} rounds, {@code bigint} reads {@code 07} as 7), so the
     * second requires the stored value's text to be the id itself, byte for byte ({@code collate "C"}: a
     * case-insensitive column collation must not widen it). For {@code char(n)} that text has no trailing spaces,
     * so {@code m} matches a stored {@code 'm'} and {@code "m "} matches nothing. The tenant is compared as text.
     */
    private String match() {
        String subject = "t." + subjectColumn + " = cast(ids.raw as " + subjectType + ")"
                + " and cast(t." + subjectColumn + " as text) collate \"C\" = ids.raw";
        if (tenantColumn == null) {
            return subject;
        }
        return subject + " and (ids.tenant is null or cast(t." + tenantColumn + " as text) collate \"C\" = ids.tenant)";
    }
}
