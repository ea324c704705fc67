package dev.lethe.cleaners;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.intake.DeletionRequest.Mode;
import dev.lethe.intake.DeletionRequest.Subject;
import dev.lethe.testsupport.PostgresServer;
import dev.lethe.testsupport.TestInfrastructure;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/** The jdbc cleaner on a real PostgreSQL: one statement for many subjects gives what one per subject would. */
class JdbcCleanerIntegrationTests {

    private JdbcClient jdbc;
    private JdbcCleaner cleaner;
    private String url;
    private String user;
    private String password;

    @BeforeEach
    void createTable() {
        PostgresServer postgres = TestInfrastructure.postgres();
        url = postgres.createDatabase("lethe_cleaner_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
        user = postgres.user();
        password = postgres.password();
        var dataSource = new SimpleDriverDataSource(new org.postgresql.Driver(), url, user, password);
        jdbc = JdbcClient.create(dataSource);
        jdbc.sql("create table posts (id bigserial primary key, user_id bigint not null, deleted_at timestamptz)").update();
        jdbc.sql("insert into posts (user_id) select u from generate_series(1, 3) u, generate_series(1, 2)").update();
        cleaner = new JdbcCleaner(dataSource, JdbcTable.checked("posts", "posts", "user_id", "deleted_at", null),
                Duration.ofSeconds(10));
    }

    @Test
    void deletesForManySubjectsAndCountsPerSubject() throws Exception {
        List<Long> items = cleaner.cleanAll(List.of(hard("1"), hard("2"), hard("404"), hard("1")));

        assertThat(items).containsExactly(2L, 2L, 0L, 0L);
        assertThat(rows("1")).isZero();
        assertThat(rows("2")).isZero();
        assertThat(rows("3")).isEqualTo(2);
    }

    @Test
    void fallsBackToOneByOneWhenAnIdIsNotAValueOfTheColumnType() throws Exception {
        List<Long> items = cleaner.cleanAll(List.of(hard("1"), hard("not-a-number"), hard("3")));

        assertThat(items).containsExactly(2L, 0L, 2L);
        assertThat(rows("2")).isEqualTo(2);
    }

    @Test
    void softDeletesAndCountsOnlyUnmarkedRows() throws Exception {
        jdbc.sql("update posts set deleted_at = now() where id = (select min(id) from posts where user_id = 1)").update();

        assertThat(cleaner.cleanAll(List.of(dryRun(Mode.SOFT, "1"), dryRun(Mode.SOFT, "2")))).containsExactly(1L, 2L);
        assertThat(cleaner.cleanAll(List.of(command(Mode.SOFT, false, "1"), command(Mode.SOFT, false, "2"))))
                .containsExactly(1L, 2L);
        assertThat(jdbc.sql("select count(*) from posts where user_id in (1, 2) and deleted_at is null").query(Long.class).single())
                .isZero();
        assertThat(rows("1")).as("SOFT keeps the rows").isEqualTo(2);
    }

    @Test
    void aDryRunBatchChangesNothing() throws Exception {
        assertThat(cleaner.cleanAll(List.of(dryRun(Mode.HARD, "1"), dryRun(Mode.HARD, "3")))).containsExactly(2L, 2L);
        assertThat(rows("1")).isEqualTo(2);
    }

    @Test
    void neverTruncatesAnIdIntoAnotherSubjectsOnAVarcharColumn() throws Exception {
        jdbc.sql("create table handles (owner varchar(8) not null)").update();
        jdbc.sql("insert into handles values ('abcdefgh'), ('other')").update();
        var handles = new JdbcCleaner(new SimpleDriverDataSource(new org.postgresql.Driver(), url, user, password),
                JdbcTable.checked("handles", "handles", "owner", null, null), Duration.ofSeconds(10));

        List<Long> items = handles.cleanAll(List.of(hard("abcdefgh-and-more"), hard("other")));

        assertThat(items).containsExactly(0L, 1L);
        assertThat(jdbc.sql("select count(*) from handles where owner = 'abcdefgh'").query(Long.class).single()).isEqualTo(1);
    }

    private long rows(String user) {
        return jdbc.sql("select count(*) from posts where user_id = cast(? as bigint)").param(user).query(Long.class).single();
    }

    private static CleanCommand hard(String id) {
        return command(Mode.HARD, false, id);
    }

    private static CleanCommand dryRun(Mode mode, String id) {
        return command(mode, true, id);
    }

    private static CleanCommand command(Mode mode, boolean dryRun, String id) {
        return new CleanCommand(new Subject("user", id, ""), mode, dryRun);
    }
}
