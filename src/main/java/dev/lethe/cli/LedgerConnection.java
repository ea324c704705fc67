package dev.lethe.cli;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import org.springframework.boot.context.properties.bind.Bindable;

/**
 * A read-only connection to the ledger the worker's configuration names ({@code spring.datasource.url}, {@code
 * .username}, {@code .password} and the driver properties under {@code spring.datasource.hikari.data-source-properties}).
 * One plain connection, no pool: a look-up runs a handful of queries and exits.
 */
final class LedgerConnection {

    /** Driver properties the worker sets for its own reasons that a look-up needs as well. */
    private static final Map<String, String> ALWAYS = Map.of(
            // PostgreSQL's error details can quote row values; the driver would copy them into exception messages.
            "logServerErrorDetail", "false");

    private LedgerConnection() {
    }

    /**
     * In a read-only REPEATABLE READ transaction, so every query of a look-up sees the same moment of a ledger the
     * workers keep changing, and nothing can be written by mistake. The caller closes it (which ends the transaction).
     */
    static Connection open(WorkerSettings settings) throws SQLException {
        String url = settings.property("spring.datasource.url").orElseThrow(() ->
                new IllegalArgumentException("spring.datasource.url is not set: the ledger's JDBC URL is needed"));
        Properties properties = new Properties();
        properties.putAll(settings.binder().bind("spring.datasource.hikari.data-source-properties",
                Bindable.mapOf(String.class, String.class)).orElse(Map.of()));
        properties.putAll(ALWAYS);
        settings.property("spring.datasource.username").ifPresent(user -> properties.setProperty("user", user));
        settings.property("spring.datasource.password").ifPresent(password -> properties.setProperty("password", password));
        Connection connection = DriverManager.getConnection(url, properties);
        try {
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            return connection;
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }
}
