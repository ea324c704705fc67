package dev.lethe.cleaners.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.lethe.cleaners.jdbc.DataSourcesProperties.TargetDataSource;
import dev.lethe.testsupport.PostgresServer;
import dev.lethe.testsupport.TestInfrastructure;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Pools to target databases keep PostgreSQL's error details, which quote row values, out of exception messages. */
class TargetDataSourcesIntegrationTests {

    @Test
    void errorsFromATargetDatabaseDoNotQuoteTheValues() {
        PostgresServer postgres = TestInfrastructure.postgres();
        String url = postgres.createDatabase("lethe_targets_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
        var settings = new TargetDataSource(url, postgres.user(), postgres.password(), 2, Duration.ofSeconds(5));
        TargetDataSources pools = new TargetDataSources(new DataSourcesProperties(Map.of("app", settings)));
        try {
            JdbcClient jdbc = JdbcClient.create(pools.get("app", "test"));
            jdbc.sql("create table accounts (email text primary key)").update();
            String insert = "insert into accounts values (?)";
            jdbc.sql(insert).param("secret-7310@example.com").update();

            Throwable error = catchThrowable(() -> jdbc.sql(insert).param("secret-7310@example.com").update());

            StringWriter trace = new StringWriter();
            error.printStackTrace(new PrintWriter(trace));
            assertThat(trace.toString()).contains("accounts_pkey").doesNotContain("secret-7310");
        } finally {
            pools.destroy();
        }
    }
}
