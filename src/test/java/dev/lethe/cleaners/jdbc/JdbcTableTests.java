package dev.lethe.cleaners.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.core.InvalidConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JdbcTableTests {

    @Test
    void foldsNamesToLowerCaseAsPostgresFoldsUnquotedIdentifiers() {
        JdbcTable table = JdbcTable.checked("posts", "App.Posts", "User", "Deleted_At", "TENANT");

        assertThat(table.schema()).isEqualTo("app");
        assertThat(table.table()).isEqualTo("posts");
        assertThat(table.columns()).containsExactly("user", "deleted_at", "tenant");
        assertThat(table.regclassName()).isEqualTo("\"app\".\"posts\"");
        assertThat(JdbcTable.checked("orders", "order", "user", null, null).regclassName()).isEqualTo("\"order\"");
    }

    @Test
    void namesTheSettingOfEachColumn() {
        JdbcTable table = JdbcTable.checked("posts", "posts", "user_id", "deleted_at", "tenant_id");

        assertThat(table.settingOf("user_id")).isEqualTo("lethe.resources.posts.subject-column");
        assertThat(table.settingOf("deleted_at")).isEqualTo("lethe.resources.posts.soft-delete-column");
        assertThat(table.settingOf("tenant_id")).isEqualTo("lethe.resources.posts.tenant-column");
    }

    @Test
    void quotesIdentifiersDoublingQuotes() {
        assertThat(JdbcTable.quote("user")).isEqualTo("\"user\"");
        assertThat(JdbcTable.quote("a\"b")).isEqualTo("\"a\"\"b\"");
    }

    @Test
    void writesOneQuotedStatementShapeWithBoundValuesOnly() {
        ResolvedTable table = new ResolvedTable("\"app\".\"order\"", "\"user\"", "character(8)", "\"deleted_at\"",
                "\"tenant\"");

        String delete = table.statement(false, false);
        assertThat(delete).startsWith("with affected as (delete from \"app\".\"order\" t using unnest(")
                .contains("t.\"user\" = cast(ids.raw as character(8))")
                .contains("cast(t.\"user\" as text) collate \"C\" = ids.raw")
                .contains("(ids.tenant is null or cast(t.\"tenant\" as text) collate \"C\" = ids.tenant)")
                .doesNotContain(" user ");
        assertThat(table.statement(true, false)).contains("update \"app\".\"order\" t set \"deleted_at\" = current_timestamp")
                .contains("and t.\"deleted_at\" is null");
        assertThat(table.statement(true, true)).startsWith("select ids.n, count(*) from unnest(")
                .contains("and t.\"deleted_at\" is null");
        assertThat(table.statement(false, true)).doesNotContain("deleted_at");
        assertThat(table.conversionSql()).isEqualTo("select cast(cast(? as text) as character(8))");
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
        assertThatThrownBy(() -> JdbcTable.checked("posts", "posts", "user_id", null, "t\"x"))
                .hasMessageStartingWith("lethe.resources.posts: tenant-column");
    }

    @Test
    void requiresTableAndSubjectColumn() {
        assertThatThrownBy(() -> JdbcTable.checked("posts", null, "user_id", null, null))
                .hasMessage("lethe.resources.posts: table is required for type jdbc");
        assertThatThrownBy(() -> JdbcTable.checked("posts", "posts", " ", null, null))
                .hasMessage("lethe.resources.posts: subject-column is required for type jdbc");
    }
}
