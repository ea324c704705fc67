package dev.lethe.cleaners;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.plan.InvalidConfigurationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class JdbcTableTests {

    @Test
    void writesStatementsWithBoundValuesOnly() {
        JdbcTable table = JdbcTable.checked("posts", "app.posts", "user_id", "deleted_at", "tenant_id");

        assertThat(table.deleteSql(true)).isEqualTo("delete from app.posts where user_id = ? and tenant_id = ?");
        assertThat(table.deleteSql(false)).isEqualTo("delete from app.posts where user_id = ?");
        assertThat(table.softDeleteSql(false))
                .isEqualTo("update app.posts set deleted_at = current_timestamp where user_id = ? and deleted_at is null");
        assertThat(table.countSql(true, false)).isEqualTo("select count(*) from app.posts where user_id = ? and deleted_at is null");
    }

    @ParameterizedTest
    @ValueSource(strings = {"posts; drop table users", "posts--", "\"posts\"", "1posts", "a.b.c", "posts where 1=1"})
    void refusesATableThatIsNotAPlainIdentifier(String table) {
        assertThatThrownBy(() -> JdbcTable.checked("posts", table, "user_id", null, null))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("lethe.resources.posts: table");
    }

    @Test
    void refusesABadColumnNamingTheSetting() {
        assertThatThrownBy(() -> JdbcTable.checked("posts", "posts", "user_id or 1=1", null, null))
                .hasMessageStartingWith("lethe.resources.posts: subject-column");
        assertThatThrownBy(() -> JdbcTable.checked("posts", "posts", "user_id", "x y", null))
                .hasMessageStartingWith("lethe.resources.posts: soft-delete-column");
    }

    @Test
    void requiresTableAndSubjectColumn() {
        assertThatThrownBy(() -> JdbcTable.checked("posts", null, "user_id", null, null))
                .hasMessage("lethe.resources.posts: table is required for type jdbc");
        assertThatThrownBy(() -> JdbcTable.checked("posts", "posts", " ", null, null))
                .hasMessage("lethe.resources.posts: subject-column is required for type jdbc");
    }
}
