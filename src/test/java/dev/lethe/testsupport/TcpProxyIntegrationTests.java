package dev.lethe.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** The outage tool the fault tests rely on: cut makes PostgreSQL unreachable, restore makes it reachable again. */
class TcpProxyIntegrationTests {

    @Test
    void cutsAndRestoresConnectionsToPostgres() throws Exception {
        PostgresServer postgres = TestInfrastructure.postgres();
        try (TcpProxy proxy = new TcpProxy(postgres.address().getHost(), postgres.address().getPort())) {
            String url = "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/postgres?connectTimeout=2";
            assertThat(selectOne(url, postgres)).isEqualTo(1);

            proxy.cut();
            assertThatThrownBy(() -> selectOne(url, postgres)).isInstanceOf(SQLException.class);

            proxy.restore();
            assertThat(selectOne(url, postgres)).isEqualTo(1);
        }
    }

    private static int selectOne(String url, PostgresServer postgres) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, postgres.user(), postgres.password());
                var rows = connection.createStatement().executeQuery("select 1")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
