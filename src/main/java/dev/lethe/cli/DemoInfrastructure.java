package dev.lethe.cli;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** An in-process Kafka broker and an embedded PostgreSQL holding the ledger and a sample application database. */
final class DemoInfrastructure implements AutoCloseable {

    static final String LEDGER_DATABASE = "lethe";
    static final String APP_DATABASE = "app";
    private static final int PARTITIONS = 6;

    private final EmbeddedPostgres postgres;
    private final EmbeddedKafkaKraftBroker kafka;

    private DemoInfrastructure(EmbeddedPostgres postgres, EmbeddedKafkaKraftBroker kafka) {
        this.postgres = postgres;
        this.kafka = kafka;
    }

    static DemoInfrastructure start() throws IOException, SQLException {
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
        try {
            execute(postgres, "postgres", "create database " + LEDGER_DATABASE);
            execute(postgres, "postgres", "create database " + APP_DATABASE);
            execute(postgres, APP_DATABASE, resource("/demo/app-schema.sql"));
            execute(postgres, APP_DATABASE, resource("/demo/sample-data.sql"));
            EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, PARTITIONS);
            withoutStandardOutput(kafka::afterPropertiesSet);
            return new DemoInfrastructure(postgres, kafka);
        } catch (RuntimeException | SQLException e) {
            postgres.close();
            throw e;
        }
    }

    String jdbcUrl(String database) {
        return postgres.getJdbcUrl("postgres", database);
    }

    String bootstrapServers() {
        return kafka.getBrokersAsString();
    }

    javax.sql.DataSource appDatabase() {
        return postgres.getDatabase("postgres", APP_DATABASE);
    }

    @Override
    public void close() throws IOException {
        kafka.destroy();
        postgres.close();
    }

    /** Kafka's storage formatter prints to standard output; the demo's output is its report. */
    private static void withoutStandardOutput(Runnable action) {
        PrintStream original = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            action.run();
        } finally {
            System.setOut(original);
        }
    }

    private static void execute(EmbeddedPostgres postgres, String database, String sql) throws SQLException {
        try (Connection connection = postgres.getDatabase("postgres", database).getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String resource(String path) {
        try (InputStream in = DemoInfrastructure.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
