package dev.lethe.cleaners.jdbc;

import java.sql.SQLException;
import java.util.Map;

/**
 * An SQL error as start-up checks report it: the SQLSTATE and, for the codes a configuration mistake usually gives,
 * its name, so the operator need not look it up. Never the server's message: it can quote values.
 */
final class SqlStates {

    private static final Map<String, String> KNOWN = Map.ofEntries(
            Map.entry("42601", "syntax error"),
            Map.entry("42703", "undefined column"),
            Map.entry("42P01", "undefined table"),
            Map.entry("42702", "ambiguous column"),
            Map.entry("42804", "datatype mismatch"),
            Map.entry("42883", "undefined function or operator"),
            Map.entry("42501", "insufficient privilege"),
            Map.entry("42P02", "undefined parameter"),
            Map.entry("22P02", "invalid text representation"),
            Map.entry("22003", "numeric value out of range"),
            Map.entry("22007", "invalid datetime format"));

    private SqlStates() {
    }

    static String describe(SQLException error) {
        String state = error.getSQLState() == null ? "unknown" : error.getSQLState();
        String name = KNOWN.get(state);
        return "SQLSTATE " + state + (name == null ? "" : " " + name);
    }
}
