package dev.lethe.cleaners.jdbc;

import dev.lethe.core.InvalidConfigurationException;

/**
 * A resource's {@code where}: an SQL condition written into every statement as {@code and (<where>)}. It is
 * configuration, never subject data, but it is text spliced into a statement, so it is checked to be one
 * self-contained expression that cannot change the statement around it: parentheses balance outside quotes (a
 * {@code x) or (true} would widen a delete to the whole table), and there is no {@code ;} (the driver would send a
 * second statement), no comment (it would cut off the rest), no {@code ?} or {@code $} (bound parameters and dollar
 * quotes of the driver and server) and no backslash (whose meaning in a string depends on server settings). The
 * server then checks that it is valid SQL for the table, at start ({@link TableChecks}).
 *
 * @param text the condition as configured
 */
record SqlCondition(String text) {

    /** @return the checked condition, or null when none is configured */
    static SqlCondition checked(String resource, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String setting = "lethe.resources." + resource + ".where";
        int depth = 0;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
                        i++; // a doubled quote inside a string or a quoted identifier
                    } else {
                        quote = 0;
                    }
                } else if (c == '\\') {
                    throw refused(setting, "a backslash");
                }
                continue;
            }
            switch (c) {
                case '\'', '"' -> quote = c;
                case '(' -> depth++;
                case ')' -> {
                    if (--depth < 0) {
                        throw refused(setting, "a ')' without its '('");
                    }
                }
                case ';' -> throw refused(setting, "';'");
                case '?' -> throw refused(setting, "'?' (a bound parameter; use jsonb_exists() and the like instead of"
                        + " the ? operators)");
                case '$' -> throw refused(setting, "'$'");
                case '\\' -> throw refused(setting, "a backslash");
                case '-', '/' -> {
                    char next = i + 1 < text.length() ? text.charAt(i + 1) : 0;
                    if ((c == '-' && next == '-') || (c == '/' && next == '*')) {
                        throw refused(setting, "a comment");
                    }
                }
                default -> {
                }
            }
        }
        if (quote != 0) {
            throw refused(setting, "an unterminated " + (quote == '\'' ? "string" : "quoted identifier"));
        }
        if (depth != 0) {
            throw refused(setting, "a '(' without its ')'");
        }
        return new SqlCondition(text.trim());
    }

    private static InvalidConfigurationException refused(String setting, String what) {
        return new InvalidConfigurationException(setting + " must be one SQL condition on the table's columns;"
                + " it has " + what);
    }
}
