package dev.lethe.cleaners.jdbc;

import dev.lethe.cleaners.CleanCommand;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.core.DeletionRequest.Mode;
import dev.lethe.core.DeletionRequest.Subject;
import dev.lethe.core.SafeErrors;
import dev.lethe.testsupport.PostgresServer;
import dev.lethe.testsupport.TestInfrastructure;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * Configured table and column names resolve as PostgreSQL resolves unquoted identifiers, and are always quoted in
 * the statements: a keyword names the table or column, never what the keyword means in SQL.
 */
class JdbcCleanerNamesIntegrationTests {

    private DataSource dataSource;
    private JdbcClient jdbc;

    @BeforeEach
    void createDatabase() {
        PostgresServer postgres = TestInfrastructure.postgres();
        String url = postgres.createDatabase("lethe_names_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
        dataSource = new SimpleDriverDataSource(new org.postgresql.Driver(), url, postgres.user(), postgres.password());
        jdbc = JdbcClient.create(dataSource);
    }

    @Test
    void aColumnNamedUserIsThatColumnNeverCurrentUser() throws Exception {
        jdbc.sql("create table \"order\" (\"user\" text not null, \"select\" timestamptz)").update();
        String role = jdbc.sql("select current_user").query(String.class).single();
        jdbc.sql("insert into \"order\" (\"user\") values (?), ('alice'), ('bob')").param(role).update();
        JdbcCleaner orders = cleaner("order", "user", "select", null);

        assertThat(orders.cleanAll(List.of(command(Mode.SOFT, true, role), command(Mode.SOFT, true, "alice"))))
                .containsExactly(1L, 1L);
        assertThat(orders.clean(command(Mode.SOFT, false, "alice"))).isEqualTo(1);
        assertThat(orders.clean(command(Mode.HARD, false, role))).isEqualTo(1);
        assertThat(jdbc.sql("select string_agg(\"user\", ',' order by \"user\") from \"order\"").query(String.class).single())
                .isEqualTo("alice,bob");
    }

    @Test
    void unquotedNamesAreFoldedToLowerCaseAndResolvedThroughTheSearchPath() throws Exception {
        jdbc.sql("create table MixedCase (OwnerId text not null)").update();
        jdbc.sql("insert into mixedcase values ('a'), ('b')").update();
        jdbc.sql("create schema other").update();
        jdbc.sql("create table other.mixedcase (ownerid text not null)").update();
        jdbc.sql("insert into other.mixedcase values ('a')").update();

        assertThat(cleaner("MixedCase", "OwnerId", null, null).clean(command(Mode.HARD, false, "a"))).isEqualTo(1);
        assertThat(cleaner("Other.MixedCase", "OWNERID", null, null).clean(command(Mode.HARD, false, "a"))).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from mixedcase").query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aMissingTableOrColumnIsAPermanentFailureNamingTheSetting() throws Exception {
        jdbc.sql("create table \"CaseSensitive\" (id text)").update();
        jdbc.sql("create table plain (id text)").update();

        assertThatThrownBy(() -> cleaner("CaseSensitive", "id", null, null).clean(command(Mode.HARD, false, "secret-id")))
                .isInstanceOfSatisfying(SQLException.class, error -> {
                    assertThat(error.getSQLState()).isEqualTo("42P01");
                    assertThat(JdbcFailures.isTransient(error)).isFalse();
                    assertThat(SafeErrors.describe(error)).contains("lethe.resources.CaseSensitive.table")
                            .contains("\"casesensitive\"").doesNotContain("secret-id");
                });
        assertThatThrownBy(() -> cleaner("plain", "id", "gone_at", null).clean(command(Mode.SOFT, false, "secret-id")))
                .isInstanceOfSatisfying(SQLException.class, error -> {
                    assertThat(error.getSQLState()).isEqualTo("42703");
                    assertThat(SafeErrors.describe(error)).contains("lethe.resources.plain.soft-delete-column")
                            .doesNotContain("secret-id");
                });
    }

    @Test
    void aTableCreatedAfterAFailedCallIsFoundOnTheNext() throws Exception {
        JdbcCleaner later = cleaner("later", "id", null, null);
        assertThatThrownBy(() -> later.clean(command(Mode.HARD, false, "1"))).isInstanceOf(SQLException.class);

        jdbc.sql("create table later (id bigint)").update();
        jdbc.sql("insert into later values (1)").update();

        assertThat(later.clean(command(Mode.HARD, false, "1"))).isEqualTo(1);
    }

    @Test
    void aColumnWhoseTypeChangedIsLookedUpAgain() throws Exception {
        jdbc.sql("create table accounts (id bigint)").update();
        jdbc.sql("insert into accounts values (1)").update();
        JdbcCleaner accounts = cleaner("accounts", "id", null, null);
        assertThat(accounts.clean(command(Mode.HARD, true, "1"))).isEqualTo(1);

        jdbc.sql("alter table accounts alter column id type text").update();
        jdbc.sql("insert into accounts values ('a-1')").update();

        assertThatThrownBy(() -> accounts.clean(command(Mode.HARD, true, "a-1"))).isInstanceOf(SQLException.class);
        assertThat(accounts.clean(command(Mode.HARD, true, "a-1"))).isEqualTo(1);
    }

    private JdbcCleaner cleaner(String table, String subjectColumn, String softDeleteColumn, String tenantColumn) {
        return JdbcCleaners.plain(dataSource, table, subjectColumn, softDeleteColumn, tenantColumn);
    }

    private static CleanCommand command(Mode mode, boolean dryRun, String id) {
        return new CleanCommand(new Subject("user", id, ""), mode, dryRun);
    }
}
