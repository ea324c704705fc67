package dev.lethe.cleaners.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.core.DeletionRequest.Subject;
import dev.lethe.core.InvalidConfigurationException;
import dev.lethe.plan.ProtectionCheckFailedException;
import dev.lethe.testsupport.PostgresServer;
import dev.lethe.testsupport.TestInfrastructure;
import java.net.ServerSocket;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * The protection check fails closed on a real PostgreSQL: a transient error is thrown for planning to wait; any
 * other error says the check cannot decide ({@link ProtectionCheckFailedException}), without the id.
 */
class JdbcProtectionCheckIntegrationTests {

    private PostgresServer postgres;
    private String url;
    private DataSource dataSource;

    @BeforeEach
    void createDirectory() {
        postgres = TestInfrastructure.postgres();
        url = postgres.createDatabase("lethe_protection_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
        dataSource = new SimpleDriverDataSource(new org.postgresql.Driver(), url, postgres.user(), postgres.password());
        JdbcClient jdbc = JdbcClient.create(dataSource);
        jdbc.sql("create table directory (id text not null, role text not null)").update();
        jdbc.sql("create table admins (id bigint not null)").update();
        jdbc.sql("insert into directory values ('7', 'admin'), ('8', 'member')").update();
        jdbc.sql("insert into admins values (7)").update();
    }

    @Test
    void aQueryComparingAsTextAnswersForEveryId() {
        var check = new JdbcProtectionCheck(dataSource, "directory", "select 1 from directory where id = ? and role = 'admin'");

        assertThat(check.isProtected(subject("7"))).isTrue();
        assertThat(check.isProtected(subject("07"))).isFalse();
        assertThat(check.isProtected(subject("8"))).isFalse();
        assertThat(check.isProtected(subject("not-a-number"))).isFalse();
    }

    @Test
    void anIdTheQueryCannotConvertCannotBeDecided() {
        var check = new JdbcProtectionCheck(dataSource, "directory", "select 1 from admins where id = ?");

        assertThat(check.isProtected(subject("07"))).as("read as the number 7: protected, which is safe").isTrue();
        assertThatThrownBy(() -> check.isProtected(subject("secret-abc")))
                .isInstanceOf(ProtectionCheckFailedException.class)
                .hasMessageContaining("22P02").hasMessageNotContaining("secret-abc");
        assertThatThrownBy(() -> check.isProtected(subject("99999999999999999999999")))
                .isInstanceOf(ProtectionCheckFailedException.class).hasMessageContaining("22003");
        assertThatThrownBy(() -> check.isProtected(subject("a\u0000b"))).isInstanceOf(ProtectionCheckFailedException.class);
    }

    @Test
    void aBrokenQueryCannotDecide() {
        assertThatThrownBy(() -> new JdbcProtectionCheck(dataSource, "directory", "selec 1 from directory where id = ?")
                .isProtected(subject("7"))).isInstanceOf(ProtectionCheckFailedException.class).hasMessageContaining("42601");
        assertThatThrownBy(() -> new JdbcProtectionCheck(dataSource, "directory", "select 1 from no_such_table where id = ?")
                .isProtected(subject("7"))).isInstanceOf(ProtectionCheckFailedException.class).hasMessageContaining("42P01");
    }

    @Test
    void aBrokenQueryFailsItsStartUpCheckNamingTheSettingAndDatasourceAndAGoodOnePrepares() throws Exception {
        try (var connection = dataSource.getConnection()) {
            new JdbcProtectionCheck(dataSource, "directory", "select 1 from admins where id = ?").verify(connection);
            assertThatThrownBy(() -> new JdbcProtectionCheck(dataSource, "directory", "selec 1 from admins where id = ?")
                    .verify(connection)).isInstanceOf(InvalidConfigurationException.class)
                    .hasMessage("lethe.protection.query: does not prepare on datasource 'directory'"
                            + " (SQLSTATE 42601 syntax error)");
            assertThatThrownBy(() -> new JdbcProtectionCheck(dataSource, "directory", "select 1 from nope where id = ?")
                    .verify(connection)).hasMessage("lethe.protection.query: does not prepare on datasource 'directory'"
                            + " (SQLSTATE 42P01 undefined table)");
            assertThatThrownBy(() -> new JdbcProtectionCheck(dataSource, "directory",
                    "select 1 from admins where missing = ?").verify(connection)).hasMessageContaining("42703");
        }
    }

    @Test
    void aMissingPermissionCannotDecide() {
        String role = "lethe_noperm_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        postgres.execute(url, "create role " + role + " login");
        try {
            var asRole = new SimpleDriverDataSource(new org.postgresql.Driver(), url, role, "");
            var check = new JdbcProtectionCheck(asRole, "directory", "select 1 from directory where id = ? and role = 'admin'");

            assertThatThrownBy(() -> check.isProtected(subject("7")))
                    .isInstanceOf(ProtectionCheckFailedException.class).hasMessageContaining("42501");
        } finally {
            postgres.execute(url, "drop role " + role);
        }
    }

    @Test
    void anUnreachableDatabaseIsTransientSoPlanningWaits() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        var unreachable = new SimpleDriverDataSource(new org.postgresql.Driver(),
                "jdbc:postgresql://127.0.0.1:" + closedPort + "/lethe?connectTimeout=2", postgres.user(), postgres.password());
        var check = new JdbcProtectionCheck(unreachable, "directory", "select 1 from directory where id = ?");

        assertThatThrownBy(() -> check.isProtected(subject("7")))
                .isNotInstanceOf(ProtectionCheckFailedException.class)
                .satisfies(error -> assertThat(JdbcFailures.isTransient(error)).isTrue());
    }

    private static Subject subject(String id) {
        return new Subject("user", id, "");
    }
}
