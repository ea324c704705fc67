package dev.lethe.cleaners.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.core.InvalidConfigurationException;
import java.util.List;
import java.util.Map;
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
        ResolvedTable table = new ResolvedTable("\"app\".\"order\"", "\"user\"", "character(8)", "\"deleted_at\"", null,
                "\"tenant\"", null, List.of());

        String delete = table.statement(false, false, HmacPads.NONE).sql();
        assertThat(delete).startsWith("with lethe_affected as (delete from \"app\".\"order\" lethe_row using unnest(")
                .contains("as lethe_ids(lethe_value, lethe_tenant, lethe_position)")
                .contains("lethe_row.\"user\" = cast(lethe_ids.lethe_value as character(8))")
                .contains("cast(lethe_row.\"user\" as text) collate \"C\" = lethe_ids.lethe_value")
                .contains("(lethe_ids.lethe_tenant is null or cast(lethe_row.\"tenant\" as text) collate \"C\""
                        + " = lethe_ids.lethe_tenant)")
                .doesNotContain(" user ");
        assertThat(table.statement(true, false, HmacPads.NONE).sql())
                .contains("update \"app\".\"order\" lethe_row set \"deleted_at\" = current_timestamp")
                .contains("and lethe_row.\"deleted_at\" is null");
        assertThat(table.statement(true, true, HmacPads.NONE).sql()).startsWith("select lethe_ids.lethe_position, count(*) from unnest(")
                .contains("and lethe_row.\"deleted_at\" is null");
        assertThat(table.statement(false, true, HmacPads.NONE).sql()).doesNotContain("deleted_at");
        assertThat(table.statement(false, false, HmacPads.NONE).leading()).isEmpty();
        assertThat(table.conversionSql()).isEqualTo("select cast(cast(? as text) as character(8))");
    }

    @Test
    void aWhereIsAppendedInParenthesesOfItsOwnInEveryMode() {
        ResolvedTable table = new ResolvedTable("\"public\".\"docs\"", "\"owner\"", "text", null, "\"hidden\"", null,
                "not shared or kind = 'draft'", List.of());

        for (boolean soft : new boolean[] {false, true}) {
            for (boolean dryRun : new boolean[] {false, true}) {
                assertThat(table.statement(soft, dryRun, HmacPads.NONE).sql())
                        .contains("= lethe_ids.lethe_value and (not shared or kind = 'draft')");
            }
        }
        assertThat(table.statement(true, false, HmacPads.NONE).sql()).contains("set \"hidden\" = true")
                .contains("and lethe_row.\"hidden\" is not true");
    }

    @Test
    void marksBothTheTimestampAndTheFlagWhereTheTimestampIsNull() {
        ResolvedTable table = new ResolvedTable("\"public\".\"docs\"", "\"owner\"", "text", "\"deleted_at\"",
                "\"deleted\"", null, null, List.of());

        assertThat(table.statement(true, false, HmacPads.NONE).sql())
                .contains("set \"deleted_at\" = current_timestamp, \"deleted\" = true")
                .contains("and lethe_row.\"deleted_at\" is null").doesNotContain("is not true");
    }

    @Test
    void masksWithBoundPadsAndLiteralsBeforeTheSubjectArrays() {
        HmacPads pads = HmacPads.of("k");
        ResolvedTable table = new ResolvedTable("\"public\".\"orders\"", "\"user_id\"", "bigint", null, null, null,
                null, List.of(new MaskedColumn("email", "text", MaskRule.HASH),
                        new MaskedColumn("name", "character varying(20)", MaskRule.parse("s", "'it''s gone'")),
                        new MaskedColumn("user_id", "bigint", MaskRule.NULL)));

        var masking = table.statement(false, false, pads);

        assertThat(masking.sql()).startsWith("with lethe_affected as (update \"public\".\"orders\" lethe_row set"
                + " \"email\" = encode(sha256(cast(? as bytea) || sha256(cast(? as bytea) || convert_to(cast(lethe_row.\"email\""
                + " as text), 'UTF8'))), 'hex'), \"name\" = cast(cast(? as text) as character varying(20)), \"user_id\" = null"
                + " from unnest(").doesNotContain("it's").doesNotContain("delete");
        assertThat(masking.leading()).containsExactly(pads.outer(), pads.inner(), "it's gone");
        assertThat(table.statement(false, true, pads).leading()).as("a dry run counts").isEmpty();
        assertThat(table.statement(true, false, pads).sql()).as("SOFT never masks").doesNotContain("sha256");
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
    void checksTheNewSettingsNamingEach() {
        JdbcTable table = JdbcTable.checked("orders", new JdbcSettings("app", "orders", "user_id", null, "Is_Deleted",
                null, "  not shared  ", Map.of("Email", "hash", "user_id", "null", "name", "'redacted'")));

        assertThat(table.softDeleteFlag()).isEqualTo("is_deleted");
        assertThat(table.softDeletes()).isTrue();
        assertThat(table.where().text()).isEqualTo("not shared");
        assertThat(table.mask()).containsOnlyKeys("email", "name", "user_id");
        assertThat(table.columns()).containsExactly("user_id", "is_deleted", "email", "name");
        assertThat(table.settingOf("is_deleted")).isEqualTo("lethe.resources.orders.soft-delete-flag");
        assertThat(table.settingOf("email")).isEqualTo("lethe.resources.orders.mask.email");
        assertThatThrownBy(() -> JdbcTable.checked("orders", new JdbcSettings("app", "orders", "user_id", null, null,
                null, null, Map.of("e mail", "hash")))).hasMessageStartingWith("lethe.resources.orders: mask.e mail");
        assertThatThrownBy(() -> JdbcTable.checked("orders", new JdbcSettings("app", "orders", "user_id", null, null,
                null, null, Map.of("email", "'x")))).hasMessageStartingWith("lethe.resources.orders.mask.email must be");
        assertThatThrownBy(() -> JdbcTable.checked("orders", new JdbcSettings("app", "orders", "user_id", null, "a-b",
                null, null, Map.of()))).hasMessageStartingWith("lethe.resources.orders: soft-delete-flag");
    }

    @Test
    void requiresTableAndSubjectColumn() {
        assertThatThrownBy(() -> JdbcTable.checked("posts", null, "user_id", null, null))
                .hasMessage("lethe.resources.posts: table is required for type jdbc");
        assertThatThrownBy(() -> JdbcTable.checked("posts", "posts", " ", null, null))
                .hasMessage("lethe.resources.posts: subject-column is required for type jdbc");
    }
}
