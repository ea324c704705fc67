package dev.lethe.cleaners.jdbc;

import dev.lethe.cleaners.CleanCommand;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.core.DeletionRequest.Mode;
import dev.lethe.core.DeletionRequest.Subject;
import dev.lethe.testsupport.PostgresServer;
import dev.lethe.testsupport.TestInfrastructure;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * The jdbc cleaner on a real PostgreSQL: a row matches only where its stored value is exactly the id, whatever the
 * column's type, and one statement for many subjects gives what one per subject would.
 */
class JdbcCleanerIntegrationTests {

    private DataSource dataSource;
    private JdbcClient jdbc;
    private JdbcCleaner posts;

    @BeforeEach
    void createTable() {
        PostgresServer postgres = TestInfrastructure.postgres();
        String url = postgres.createDatabase("lethe_cleaner_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
        dataSource = new SimpleDriverDataSource(new org.postgresql.Driver(), url, postgres.user(), postgres.password());
        jdbc = JdbcClient.create(dataSource);
        jdbc.sql("create table posts (id bigserial primary key, user_id bigint not null, deleted_at timestamptz)").update();
        jdbc.sql("insert into posts (user_id) select u from generate_series(1, 3) u, generate_series(1, 2)").update();
        posts = cleaner("posts", "user_id", "deleted_at", null);
    }

    @Test
    void deletesForManySubjectsAndCountsPerSubject() throws Exception {
        List<Long> items = posts.cleanAll(List.of(hard("1"), hard("2"), hard("404"), hard("1")));

        assertThat(items).as("a repeat in a real run finds the rows gone").containsExactly(2L, 2L, 0L, 0L);
        assertThat(count("posts", "user_id", "1")).isZero();
        assertThat(count("posts", "user_id", "2")).isZero();
        assertThat(count("posts", "user_id", "3")).isEqualTo(2);
    }

    @Test
    void anIdThatIsNotAValueOfTheColumnTypeMatchesNothingAndDoesNotFailTheOthers() throws Exception {
        assertThat(posts.cleanAll(List.of(hard("1"), hard("not-a-number"), hard("99999999999999999999"), hard("3"))))
                .containsExactly(2L, 0L, 0L, 2L);
        assertThat(posts.clean(hard("not-a-number"))).isZero();
        assertThat(count("posts", "user_id", "2")).isEqualTo(2);
    }

    @Test
    void softDeletesAndCountsOnlyUnmarkedRows() throws Exception {
        jdbc.sql("update posts set deleted_at = now() where id = (select min(id) from posts where user_id = 1)").update();

        assertThat(posts.cleanAll(List.of(dryRun(Mode.SOFT, "1"), dryRun(Mode.SOFT, "2")))).containsExactly(1L, 2L);
        assertThat(posts.cleanAll(List.of(command(Mode.SOFT, false, "1"), command(Mode.SOFT, false, "2"))))
                .containsExactly(1L, 2L);
        assertThat(jdbc.sql("select count(*) from posts where user_id in (1, 2) and deleted_at is null").query(Long.class).single())
                .isZero();
        assertThat(count("posts", "user_id", "1")).as("SOFT keeps the rows").isEqualTo(2);
    }

    @Test
    void dryRunsOfTheSameSubjectInOneBatchReportTheSameCountAndChangeNothing() throws Exception {
        assertThat(posts.cleanAll(List.of(dryRun(Mode.HARD, "1"), dryRun(Mode.HARD, "3"), dryRun(Mode.HARD, "1"))))
                .containsExactly(2L, 2L, 2L);
        assertThat(posts.cleanAll(List.of(dryRun(Mode.SOFT, "2"), dryRun(Mode.SOFT, "2")))).containsExactly(2L, 2L);
        assertThat(count("posts", "user_id", "1")).isEqualTo(2);
    }

    @Test
    void aBatchOnACharColumnErasesExactlyItsSubjectsAndNeverOneWhoseIdIsAPrefix() throws Exception {
        jdbc.sql("create table badges (code char(8) not null)").update();
        jdbc.sql("insert into badges values ('m'), ('m'), ('m0000001'), ('m0000002'), ('m0000003'), ('m000000')").update();
        JdbcCleaner badges = cleaner("badges", "code", null, null);

        assertThat(badges.cleanAll(List.of(hard("m0000001"), hard("m0000002"), hard("m0000003")))).containsExactly(1L, 1L, 1L);
        assertThat(jdbc.sql("select count(*) from badges where code = 'm'").query(Long.class).single()).isEqualTo(2);
        // The canonical text of a char(n) value has no trailing spaces: "m " is not it, and longer ids never truncate.
        assertThat(badges.cleanAll(List.of(hard("m "), hard("m0000000x"), hard("m000000 ")))).containsExactly(0L, 0L, 0L);
        assertThat(badges.clean(hard("m"))).isEqualTo(2);
        assertThat(jdbc.sql("select count(*) from badges").query(Long.class).single()).as("m000000 is left").isEqualTo(1);
    }

    @Test
    void aBatchOnABitColumnErasesExactlyItsSubjectsAndNeverPadsOrTruncates() throws Exception {
        jdbc.sql("create table flags (bits bit(8) not null)").update();
        jdbc.sql("insert into flags values (B'00000001'), (B'00000010'), (B'10000000'), (B'00000011')").update();
        JdbcCleaner flags = cleaner("flags", "bits", null, null);

        assertThat(flags.cleanAll(List.of(hard("00000001"), hard("00000010"), hard("1"), hard("000000111"))))
                .as("'1' would pad to 10000000, '000000111' truncate to 00000011").containsExactly(1L, 1L, 0L, 0L);
        assertThat(jdbc.sql("select string_agg(bits::text, ',' order by bits) from flags").query(String.class).single())
                .isEqualTo("00000011,10000000");
    }

    @Test
    void neverTruncatesAnIdIntoAnotherSubjectsOnAVarcharColumn() throws Exception {
        jdbc.sql("create table handles (owner varchar(4) not null)").update();
        jdbc.sql("insert into handles values ('abcd'), ('xy')").update();
        JdbcCleaner handles = cleaner("handles", "owner", null, null);

        assertThat(handles.cleanAll(List.of(hard("abcdefgh"), hard("xy")))).containsExactly(0L, 1L);
        assertThat(handles.clean(hard("abcde"))).isZero();
        assertThat(count("handles", "owner", "abcd")).isEqualTo(1);
    }

    @Test
    void onlyTheCanonicalTextOfANumberMatchesIt() throws Exception {
        List<String> notCanonical = List.of("01", "1.0", " 1", "+1", "1 ", "1e0", "0x1");
        List<CleanCommand> batch = new ArrayList<>(notCanonical.stream().map(JdbcCleanerIntegrationTests::hard).toList());
        batch.add(hard("2"));

        assertThat(posts.cleanAll(batch)).containsExactly(0L, 0L, 0L, 0L, 0L, 0L, 0L, 2L);
        for (String id : notCanonical) {
            assertThat(posts.clean(hard(id))).as("'%s' alone", id).isZero();
        }
        assertThat(count("posts", "user_id", "1")).isEqualTo(2);

        jdbc.sql("create table amounts (value numeric(5,2) not null)").update();
        jdbc.sql("insert into amounts values (7), (7.5)").update();
        JdbcCleaner amounts = cleaner("amounts", "value", null, null);
        assertThat(amounts.cleanAll(List.of(hard("7"), hard("7.0"), hard("07.00"), hard("7.001"), hard("1234.5"), hard("7.5"))))
                .as("7.5 is stored as 7.50").containsExactly(0L, 0L, 0L, 0L, 0L, 0L);
        assertThat(amounts.cleanAll(List.of(hard("7.00"), hard("7.50")))).containsExactly(1L, 1L);
    }

    @Test
    void aTenantMatchesOnlyItsExactText() throws Exception {
        jdbc.sql("create table notes (owner text not null, tenant text, tenant_no int)").update();
        jdbc.sql("insert into notes values ('u1', 'acme', 1), ('u1', 'ACME', 1), ('u1', 'acme ', 1), ('u1', 'other', 2),"
                + " ('u2', 'acme', 1), ('u3', 'acme', 1)").update();
        JdbcCleaner notes = cleaner("notes", "owner", null, "tenant");

        assertThat(notes.cleanAll(List.of(hard("u1", "acme"), hard("u2", "other"), hard("u3", "acme")))).containsExactly(1L, 0L, 1L);
        assertThat(notes.cleanAll(List.of(dryRun(Mode.HARD, "u1"), dryRun(Mode.HARD, "u1", "ACME"))))
                .as("without a tenant nothing narrows").containsExactly(3L, 1L);

        JdbcCleaner byNumber = cleaner("notes", "owner", null, "tenant_no");
        assertThat(byNumber.cleanAll(List.of(hard("u1", "02"), hard("u2", "1")))).containsExactly(0L, 1L);
    }

    @Test
    void hostileIdsMatchOnlyThemselves() throws Exception {
        jdbc.sql("create table tags (owner text not null)").update();
        List<String> ids = List.of("%", "_", "a%", "x_y", "it's", "\"q\"", "back\\slash", "\\", "ü", "u\u0308", "𝄞",
                "a'); delete from tags; --", "x".repeat(10_000), "{a,b}", "NULL", "");
        for (String id : ids) {
            jdbc.sql("insert into tags values (?)").param(id).update();
        }
        jdbc.sql("insert into tags values ('abc'), ('xzy'), ('its'), ('x')").update();
        JdbcCleaner tags = cleaner("tags", "owner", null, null);

        assertThat(tags.cleanAll(ids.stream().map(id -> dryRun(Mode.HARD, id)).toList())).allMatch(items -> items == 1L);
        assertThat(tags.cleanAll(ids.stream().map(JdbcCleanerIntegrationTests::hard).toList())).allMatch(items -> items == 1L);
        assertThat(jdbc.sql("select string_agg(owner, ',' order by owner) from tags").query(String.class).single())
                .isEqualTo("abc,its,x,xzy");
    }

    @Test
    void aDataErrorThatIsNotTheIdsFailsTheCallInsteadOfMatchingNothing() {
        jdbc.sql("create function refuse() returns trigger language plpgsql as "
                + "$$ begin raise exception 'refused' using errcode = '22012'; end $$").update();
        jdbc.sql("create trigger refuse before delete on posts for each row execute function refuse()").update();

        assertThatThrownBy(() -> posts.clean(hard("1"))).isInstanceOf(SQLException.class)
                .extracting(error -> ((SQLException) error).getSQLState()).isEqualTo("22012");
        assertThatThrownBy(() -> posts.cleanAll(List.of(hard("1"), hard("x")))).isInstanceOf(SQLException.class);
        assertThat(count("posts", "user_id", "1")).isEqualTo(2);
    }

    private JdbcCleaner cleaner(String table, String subjectColumn, String softDeleteColumn, String tenantColumn) {
        return JdbcCleaners.plain(dataSource, table, subjectColumn, softDeleteColumn, tenantColumn);
    }

    private long count(String table, String column, String value) {
        return jdbc.sql("select count(*) from " + table + " where cast(" + column + " as text) = ?").param(value)
                .query(Long.class).single();
    }

    private static CleanCommand hard(String id) {
        return command(Mode.HARD, false, id);
    }

    private static CleanCommand hard(String id, String tenant) {
        return new CleanCommand(new Subject("user", id, tenant), Mode.HARD, false);
    }

    private static CleanCommand dryRun(Mode mode, String id) {
        return command(mode, true, id);
    }

    private static CleanCommand dryRun(Mode mode, String id, String tenant) {
        return new CleanCommand(new Subject("user", id, tenant), mode, true);
    }

    private static CleanCommand command(Mode mode, boolean dryRun, String id) {
        return new CleanCommand(new Subject("user", id, ""), mode, dryRun);
    }
}
