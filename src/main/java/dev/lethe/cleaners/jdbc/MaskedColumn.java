package dev.lethe.cleaners.jdbc;

import java.util.List;

/**
 * One column a masking HARD run overwrites, as found in the catalog.
 *
 * @param name the column's name as in the catalog (unquoted)
 * @param type the column's full SQL type ({@code format_type} with its modifier)
 * @param rule what is written
 */
record MaskedColumn(String name, String type, MaskRule rule) {

    /**
     * {@code "col" = <value>}, the value's parameters added to {@code leading}. The hash is HMAC-SHA256 computed by
     * PostgreSQL's built-in {@code sha256(bytea)} (no pgcrypto needed): {@code H(opad || H(ipad || text))} with the
     * key's pads bound as bytea, so the key never appears in the statement's text. A null stays null. A literal's
     * text is bound and cast to the column's type, never spliced.
     */
    String assignment(HmacPads pads, List<Object> leading) {
        String column = JdbcTable.quote(name);
        return column + " = " + switch (rule.kind()) {
            case NULL -> "null";
            case HASH -> {
                leading.add(pads.outer());
                leading.add(pads.inner());
                yield "encode(sha256(cast(? as bytea) || sha256(cast(? as bytea) || convert_to(cast("
                        + ResolvedTable.ROW + "." + column + " as text), 'UTF8'))), 'hex')";
            }
            case LITERAL -> {
                leading.add(rule.literal());
                yield literalSql();
            }
        };
    }

    /** The literal, as the statement and the start-up check cast it. */
    String literalSql() {
        return "cast(cast(? as text) as " + type + ")";
    }
}
