package dev.lethe.cleaners.jdbc;

import dev.lethe.core.InvalidConfigurationException;
import dev.lethe.core.SafeErrors;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the start-up checks of the jdbc resources and the protection query on their target databases, so that a
 * configuration that cannot work stops the worker with one message naming the setting and the datasource.
 *
 * <p>A target database that cannot be reached at start does not stop the worker: a backend outage is not a
 * configuration error, and the worker has other work (other resources, other databases, the audit trail). Its
 * tasks wait behind the breaker as in any outage, health shows it ({@code datasources}: {@code UNREACHABLE}), one
 * WARN line names it, and its resources are checked on the first call that reaches it, where a failure is a
 * permanent task failure naming the setting. Each unreachable datasource is tried once, so start-up waits at most one
 * connection timeout for it.
 */
final class StartupChecks {

    private static final Logger log = LoggerFactory.getLogger(StartupChecks.class);

    private final TargetDataSources dataSources;
    /** Start-up runs on one thread: bean creation. */
    private final Set<String> unreachable = new HashSet<>();

    StartupChecks(TargetDataSources dataSources) {
        this.dataSources = dataSources;
    }

    /** A check on one connection; a non-transient {@link SQLException} is a configuration error. */
    @FunctionalInterface
    interface Check {
        void run(Connection connection) throws SQLException;
    }

    /**
     * Runs the check now, or not at all when the datasource is unreachable.
     *
     * @param setting names the datasource, for a message when it is not configured
     * @throws InvalidConfigurationException when the check fails with anything but an outage
     */
    void check(String datasource, String setting, Check check) {
        if (unreachable.contains(datasource)) {
            return;
        }
        try (Connection connection = dataSources.get(datasource, setting).getConnection()) {
            check.run(connection);
        } catch (SQLException e) {
            if (!JdbcFailures.isTransient(e)) {
                throw new InvalidConfigurationException(e instanceof SafeErrors.SafeMessage safe ? safe.safeMessage()
                        : "lethe.datasources." + datasource + ": " + SafeErrors.describe(e));
            }
            unreachable.add(datasource);
            log.warn("lethe.datasources.{} is unreachable at start ({}): the worker starts, tasks on it wait behind"
                    + " their breakers, and its resources are checked on the first call that reaches it",
                    datasource, SafeErrors.describe(e));
        }
    }
}
