package dev.lethe.cleaners.jdbc;

import static dev.lethe.cleaners.jdbc.JdbcCleaners.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.cleaners.CleanCommand;
import dev.lethe.core.DeletionRequest.Mode;
import dev.lethe.core.DeletionRequest.Subject;
import dev.lethe.core.SafeErrors;
import dev.lethe.core.TaskOutcome;
import dev.lethe.testsupport.PostgresServer;
import dev.lethe.testsupport.TestInfrastructure;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * The settings that fit real schemas on a real PostgreSQL: subject values from a template, a {@code where} leaving
 * shared rows alone, masks instead of deletes, a soft-delete flag; each for one subject and a batch.
 */
class JdbcCleanerRealSchemasIntegrationTests {

    private DataSource dataSource;
    private JdbcClient jdbc;

    @BeforeEach
    void createDatabase() {
        PostgresServer postgres = TestInfrastructure.postgres();
        String url = postgres.createDatabase("lethe_schemas_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
        dataSource = new SimpleDriverDataSource(new org.postgresql.Driver(), url, postgres.user(), postgres.password());
        jdbc = JdbcClient.create(dataSource);
    }

    @Test
    void theHashMaskComputedInSqlIsJavasHmacSha256WithTheSubjectKey() throws Exception {
        List<String> values = List.of("alice@example.com", "", "ü 𝄞 \u00e9", "x".repeat(1000), "it's");
        jdbc.sql("create table contacts (owner text not null, email text, note text)").update();
        for (String value : values) {
            jdbc.sql("insert into contacts values ('u1', ?, 'n')").param(value).update();
        }
        jdbc.sql("insert into contacts values ('u1', null, 'n'), ('u2', 'bob@example.com', 'n')").update();
        JdbcCleaner contacts = JdbcCleaners.of(dataSource,
                settings("contacts", "owner", null, null, null, Map.of("email", "hash")), "{id}");

        assertThat(contacts.clean(hard("u1"))).isEqualTo(values.size() + 1);

        List<String> stored = jdbc.sql("select email from contacts where owner = 'u1' and email is not null order by email")
                .query(String.class).list();
        assertThat(stored).containsExactlyInAnyOrderElementsOf(values.stream().map(JdbcCleanerRealSchemasIntegrationTests::hmac).toList());
        assertThat(jdbc.sql("select count(*) from contacts where owner = 'u1' and email is null").query(Long.class).single())
                .as("a null stays null").isEqualTo(1);
        assertThat(jdbc.sql("select email from contacts where owner = 'u2'").query(String.class).single())
                .isEqualTo("bob@example.com");
        assertThat(contacts.hardOutcome()).isEqualTo(TaskOutcome.MASKED);
    }

    @Test
    void masksEachStrategyKeepingTheRowsAndCountsThemInABatch() throws Exception {
        jdbc.sql("create table orders (id serial, user_id bigint, name varchar(40) not null, email text, total int not null)")
                .update();
        jdbc.sql("insert into orders (user_id, name, email, total) values (1, 'Ann', 'a@x', 10), (1, 'Ann', 'a@x', 20),"
                + " (2, 'Bob', 'b@x', 30), (3, 'Cy', 'c@x', 40)").update();
        JdbcCleaner orders = JdbcCleaners.of(dataSource, settings("orders", "user_id", null, null, null,
                Map.of("name", "'redacted'", "email", "hash", "user_id", "null")), "{id}");

        assertThat(orders.cleanAll(List.of(dryRun("1"), dryRun("2"), dryRun("1")))).containsExactly(2L, 1L, 2L);
        assertThat(jdbc.sql("select count(*) from orders where name = 'redacted'").query(Long.class).single()).isZero();

        assertThat(orders.cleanAll(List.of(hard("1"), hard("2"), hard("404")))).containsExactly(2L, 1L, 0L);

        assertThat(jdbc.sql("select count(*) from orders").query(Long.class).single()).as("rows kept").isEqualTo(4);
        assertThat(jdbc.sql("select count(*) from orders where user_id is null and name = 'redacted' and email = ?")
                .param(hmac("a@x")).query(Long.class).single()).isEqualTo(2);
        assertThat(jdbc.sql("select sum(total) from orders where user_id is null").query(Long.class).single())
                .as("columns not masked are kept").isEqualTo(60);
        assertThat(jdbc.sql("select name || email from orders where user_id = 3").query(String.class).single())
                .isEqualTo("Cyc@x");
        assertThat(orders.clean(hard("1"))).as("the subject column masked too: a repeat finds nothing").isZero();
    }

    @Test
    void aMaskThatKeepsTheSubjectColumnMasksTheSameRowsAgainOnARepeat() throws Exception {
        jdbc.sql("create table profiles (user_id text not null, email text)").update();
        jdbc.sql("insert into profiles values ('u1', 'a@x')").update();
        JdbcCleaner profiles = JdbcCleaners.of(dataSource,
                settings("profiles", "user_id", null, null, null, Map.of("email", "hash")), "{id}");

        assertThat(profiles.clean(hard("u1"))).isEqualTo(1);
        assertThat(profiles.clean(hard("u1"))).isEqualTo(1);
        assertThat(jdbc.sql("select email from profiles").query(String.class).single()).isEqualTo(hmac(hmac("a@x")));
    }

    @Test
    void aWhereLeavesTheRowsItExcludesAloneInEveryMode() throws Exception {
        jdbc.sql("create table docs (owner bigint not null, shared boolean not null, deleted_at timestamptz)").update();
        jdbc.sql("insert into docs values (1, false, null), (1, false, null), (1, true, null), (2, true, null), (2, false, null)")
                .update();
        JdbcCleaner docs = JdbcCleaners.of(dataSource,
                settings("docs", "owner", "deleted_at", null, "not shared", Map.of()), "{id}");

        assertThat(docs.cleanAll(List.of(dryRun("1"), dryRun("2")))).containsExactly(2L, 1L);
        assertThat(docs.cleanAll(List.of(command(Mode.SOFT, false, "1"), command(Mode.SOFT, false, "2"))))
                .containsExactly(2L, 1L);
        assertThat(jdbc.sql("select count(*) from docs where shared and deleted_at is not null").query(Long.class).single())
                .isZero();
        assertThat(docs.cleanAll(List.of(hard("1"), hard("2")))).containsExactly(2L, 1L);
        assertThat(jdbc.sql("select string_agg(owner::text, ',' order by owner) from docs").query(String.class).single())
                .as("only shared rows are left").isEqualTo("1,2");
    }

    @Test
    void aWhereMayUseNamesLikeOursAndATableMayHaveColumnsNamedAsOnceOurs() throws Exception {
        jdbc.sql("create table clash (raw text not null, tenant text, n int, ids text, t text)").update();
        jdbc.sql("insert into clash values ('a', 'x', 1, 'ids', 't'), ('a', 'x', 2, 'ids', 't'), ('b', 'y', 1, 'ids', 't')")
                .update();
        JdbcCleaner clash = JdbcCleaners.of(dataSource,
                settings("clash", "raw", null, null, "n = 1 and tenant = 'x' and ids = 'ids' and t = 't'", Map.of()), "{id}");

        assertThat(clash.cleanAll(List.of(hard("a"), hard("b")))).containsExactly(1L, 0L);
        assertThat(jdbc.sql("select count(*) from clash").query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void aHashedIdTableMatchesTheSha256OfTheIdInABatch() throws Exception {
        jdbc.sql("create table events (user_hash char(64) not null, kind text)").update();
        for (String id : List.of("1001", "1001", "1002", "1003")) {
            jdbc.sql("insert into events values (encode(sha256(convert_to(?, 'UTF8')), 'hex'), 'view')").param(id).update();
        }
        JdbcCleaner events = JdbcCleaners.of(dataSource, settings("events", "user_hash", null, null, null, Map.of()),
                "{sha256}");

        assertThat(events.cleanAll(List.of(dryRun("1001"), dryRun("1002")))).containsExactly(2L, 1L);
        assertThat(events.cleanAll(List.of(hard("1001"), hard("1002"), hard("1001")))).containsExactly(2L, 1L, 0L);
        assertThat(jdbc.sql("select count(*) from events").query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void commandsWhoseValuesAreEqualEachGetTheRightCount() throws Exception {
        jdbc.sql("create table tenant_settings (tenant text not null)").update();
        jdbc.sql("insert into tenant_settings values ('acme'), ('acme'), ('other')").update();
        JdbcCleaner settings = JdbcCleaners.of(dataSource, settings("tenant_settings", "tenant", null, null, null, Map.of()),
                "{tenant}");

        CleanCommand first = new CleanCommand(new Subject("user", "1", "acme"), Mode.HARD, true);
        CleanCommand second = new CleanCommand(new Subject("user", "2", "acme"), Mode.HARD, true);
        assertThat(settings.cleanAll(List.of(first, second))).as("dry runs both count").containsExactly(2L, 2L);
        assertThat(settings.cleanAll(List.of(real(first), real(second)))).as("the first gets the items")
                .containsExactly(2L, 0L);
        assertThat(jdbc.sql("select tenant from tenant_settings").query(String.class).single()).isEqualTo("other");
    }

    @Test
    void aSoftDeleteFlagAloneMarksRowsNotYetTrue() throws Exception {
        jdbc.sql("create table comments (author text not null, hidden boolean)").update();
        jdbc.sql("insert into comments values ('u1', null), ('u1', false), ('u1', true), ('u2', false)").update();
        JdbcCleaner comments = JdbcCleaners.of(dataSource, settings("comments", "author", null, "hidden", null, Map.of()),
                "{id}");

        assertThat(comments.supportsSoftDelete()).isTrue();
        assertThat(comments.cleanAll(List.of(command(Mode.SOFT, true, "u1"), command(Mode.SOFT, true, "u2"))))
                .containsExactly(2L, 1L);
        assertThat(comments.cleanAll(List.of(command(Mode.SOFT, false, "u1"), command(Mode.SOFT, false, "u2"))))
                .containsExactly(2L, 1L);
        assertThat(comments.clean(command(Mode.SOFT, false, "u1"))).as("all marked now").isZero();
        assertThat(jdbc.sql("select count(*) from comments where hidden").query(Long.class).single()).isEqualTo(4);
    }

    @Test
    void aSoftDeleteFlagBesideTheTimestampIsSetWithIt() throws Exception {
        jdbc.sql("create table accounts (id text, deleted_at timestamptz, is_deleted boolean not null default false)")
                .update();
        jdbc.sql("insert into accounts (id) values ('u1'), ('u1')").update();
        jdbc.sql("update accounts set deleted_at = now() where ctid = (select min(ctid) from accounts)").update();
        JdbcCleaner accounts = JdbcCleaners.of(dataSource,
                settings("accounts", "id", "deleted_at", "is_deleted", null, Map.of("id", "null")), "{id}");

        assertThat(accounts.clean(command(Mode.SOFT, false, "u1"))).as("not yet marked: the timestamp is null").isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from accounts where deleted_at is not null and is_deleted").query(Long.class)
                .single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from accounts where id is not null").query(Long.class).single())
                .as("SOFT never masks").isEqualTo(2);
    }

    @Test
    void aWhereOrMaskThatDoesNotFitIsAPermanentFailureOfTheFirstCallNamingTheSetting() throws Exception {
        // As for a database that was unreachable at start: the checks run on the first call that reaches it.
        jdbc.sql("create table notes (owner text not null, body text)").update();
        JdbcCleaner badWhere = JdbcCleaners.of(dataSource, settings("notes", "owner", null, null, "archived", Map.of()), "{id}");
        JdbcCleaner badMask = JdbcCleaners.of(dataSource, settings("notes", "owner", null, null, null,
                Map.of("title", "null")), "{id}");

        assertThatThrownBy(() -> badWhere.clean(hard("secret-owner"))).isInstanceOfSatisfying(SQLException.class, error -> {
            assertThat(JdbcFailures.isTransient(error)).isFalse();
            assertThat(SafeErrors.describe(error)).contains("lethe.resources.notes.where: is not a valid condition on")
                    .contains("42703").doesNotContain("secret-owner");
        });
        assertThatThrownBy(() -> badMask.clean(dryRun("secret-owner")))
                .hasMessageStartingWith("lethe.resources.notes.mask.title: no column \"title\"");
    }

    private static String hmac(String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(JdbcCleaners.SUBJECT_KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static CleanCommand real(CleanCommand dryRun) {
        return new CleanCommand(dryRun.subject(), dryRun.mode(), false);
    }

    private static CleanCommand hard(String id) {
        return command(Mode.HARD, false, id);
    }

    private static CleanCommand dryRun(String id) {
        return command(Mode.HARD, true, id);
    }

    private static CleanCommand command(Mode mode, boolean dryRun, String id) {
        return new CleanCommand(new Subject("user", id, ""), mode, dryRun);
    }
}
