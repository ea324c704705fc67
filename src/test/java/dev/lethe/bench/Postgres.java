package dev.lethe.bench;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** The local PostgreSQL the benchmark creates its databases on ({@code bench.postgres}, trust auth). */
final class Postgres {

    static final String ADMIN_URL = System.getProperty("bench.postgres", "jdbc:postgresql://127.0.0.1:5432/postgres");
    static final String USER = System.getProperty("bench.postgres.user", "postgres");

    private Postgres() {
    }

    static String url(String database) {
        return ADMIN_URL.replaceFirst("/[^/?]*(\\?|$)", "/" + database + "$1");
    }

    static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(url(database), USER, "");
    }

    static void execute(String database, String sql) throws SQLException {
        try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    static void create(String database) throws SQLException {
        executeAsAdmin("create database " + database);
    }

    static void drop(String database) throws SQLException {
        executeAsAdmin("drop database if exists " + database + " with (force)");
    }

    static String serverVersion() throws SQLException {
        try (Connection connection = DriverManager.getConnection(ADMIN_URL, USER, "");
                Statement statement = connection.createStatement();
                var rows = statement.executeQuery("show server_version")) {
            rows.next();
            return rows.getString(1).split(" ")[0];
        }
    }

    /**
     * A new app database with the demo schema and {@code users} users, each with a chat holding two messages, a post
     * and a session: the rows one request erases in five tables.
     */
    static void createAppDatabase(String database, int users) throws Exception {
        create(database);
        try (var in = Postgres.class.getResourceAsStream("/demo/app-schema.sql")) {
            execute(database, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        execute(database, """
                insert into users (id, email) select id, 'bench' || id || '@example.com' from generate_series(1, %d) id;
                insert into chats (user_id, title) select id, 'chat' from generate_series(1, %d) id;
                insert into chat_messages (chat_id, user_id, body) select id, user_id, 'hello' from chats, generate_series(1, 2);
                insert into posts (user_id, body) select id, 'post' from generate_series(1, %d) id;
                insert into sessions (user_id, token) select id, 'token' from generate_series(1, %d) id;
                analyze;
                """.formatted(users, users, users, users));
    }

    private static void executeAsAdmin(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(ADMIN_URL, USER, "");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
