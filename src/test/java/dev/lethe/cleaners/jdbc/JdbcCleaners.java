package dev.lethe.cleaners.jdbc;

import dev.lethe.cleaners.SubjectTemplate;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;

/** jdbc cleaners for tests, made as the factory makes them but without the start-up checks. */
final class JdbcCleaners {

    static final String SUBJECT_KEY = "jdbc-test-subject-key";

    private JdbcCleaners() {
    }

    /** A plain table whose subject value is the id. */
    static JdbcCleaner plain(DataSource dataSource, String table, String subjectColumn, String softDeleteColumn,
            String tenantColumn) {
        return of(dataSource, JdbcTable.checked(table, table, subjectColumn, softDeleteColumn, tenantColumn), "{id}");
    }

    /** A table with all of a resource's settings (the resource is named after the table). */
    static JdbcCleaner of(DataSource dataSource, JdbcSettings settings, String subjectValue) {
        return of(dataSource, JdbcTable.checked(settings.table(), settings), subjectValue);
    }

    static JdbcCleaner of(DataSource dataSource, JdbcTable table, String subjectValue) {
        return new JdbcCleaner(dataSource, table, SubjectTemplate.parse(subjectValue, table.setting("subject-value")),
                HmacPads.of(SUBJECT_KEY), Duration.ofSeconds(10));
    }

    /** Settings as YAML would give them: {@code settings("posts", "user_id").where("not shared")}. */
    static JdbcSettings settings(String table, String subjectColumn, String softDeleteColumn, String softDeleteFlag,
            String where, Map<String, String> mask) {
        return new JdbcSettings("app", table, subjectColumn, softDeleteColumn, softDeleteFlag, null, where, mask);
    }
}
