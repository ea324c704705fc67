package dev.lethe.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL server the integration tests use, chosen in this order: {@code LETHE_TEST_POSTGRES_URL} (with
 * {@code LETHE_TEST_POSTGRES_USER} / {@code _PASSWORD}), the server on localhost:5432, an embedded one.
 * Each test context gets databases of its own, dropped when the JVM ends.
 */
public final class PostgresServer {

    private static final Logger log = LoggerFactory.getLogger(PostgresServer.class);
    private static final String LOCAL_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";

    private final String adminUrl;
    private final String user;
    private final String password;
    private final List<String> created = new ArrayList<>();

    private PostgresServer(String adminUrl, String user, String password) {
        this.adminUrl = adminUrl;
        this.user = user;
        this.password = password;
    }

    static PostgresServer choose() {
        String url = System.getenv("LETHE_TEST_POSTGRES_URL");
        if (url != null && !url.isBlank()) {
            log.info("PostgreSQL for tests: LETHE_TEST_POSTGRES_URL");
            return new PostgresServer(url, envOr("LETHE_TEST_POSTGRES_USER", "postgres"), envOr("LETHE_TEST_POSTGRES_PASSWORD", ""));
        }
        if (reachable(LOCAL_URL, "postgres", "")) {
            log.info("PostgreSQL for tests: localhost:5432");
            return new PostgresServer(LOCAL_URL, "postgres", "");
        }
        log.info("PostgreSQL for tests: embedded (no server on localhost:5432)");
        try {
            EmbeddedPostgres embedded = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(embedded)));
            return new PostgresServer(embedded.getJdbcUrl("postgres", "postgres"), "postgres", "");
        } catch (IOException e) {
            throw new UncheckedIOException("no PostgreSQL for the tests: none configured, none on localhost, embedded failed", e);
        }
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** Host and port of the server, from its JDBC URL. */
    public java.net.URI address() {
        return java.net.URI.create(adminUrl.substring("jdbc:".length()));
    }

    /** Creates an empty database and returns its JDBC URL. */
    public synchronized String createDatabase(String name) {
        execute(adminUrl, "create database " + name);
        created.add(name);
        return adminUrl.replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1");
    }

    public void execute(String url, String sql) {
        try (Connection connection = DriverManager.getConnection(url, user, password);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("could not run SQL on " + url, e);
        }
    }

    synchronized void dropCreatedDatabases() {
        for (String name : created) {
            try {
                execute(adminUrl, "drop database if exists " + name + " with (force)");
            } catch (RuntimeException e) {
                log.debug("could not drop {}", name, e);
            }
        }
    }

    private static boolean reachable(String url, String user, String password) {
        DriverManager.setLoginTimeout(3);
        try (Connection ignored = DriverManager.getConnection(url, user, password)) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }

    private static void closeQuietly(EmbeddedPostgres embedded) {
        try {
            embedded.close();
        } catch (IOException e) {
            log.debug("embedded PostgreSQL did not close cleanly", e);
        }
    }
}
