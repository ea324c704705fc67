package dev.lethe.cleaners.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.lethe.core.InvalidConfigurationException;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.springframework.beans.factory.DisposableBean;

/**
 * A connection pool per {@code lethe.datasources} entry. Kept out of the bean factory as DataSources so that
 * Spring Boot's auto-configured ledger DataSource stays the only one.
 */
public final class TargetDataSources implements DisposableBean {

    private static final int MINIMUM_IDLE = 2;

    private final Map<String, HikariDataSource> pools = new TreeMap<>();

    public TargetDataSources(DataSourcesProperties properties) {
        properties.datasources().forEach((name, settings) -> {
            if (settings.url() == null || settings.url().isBlank()) {
                throw new InvalidConfigurationException("lethe.datasources." + name + ".url is missing");
            }
            HikariDataSource pool = new HikariDataSource();
            pool.setPoolName("lethe-target-" + name);
            pool.setJdbcUrl(settings.url());
            pool.setUsername(settings.username());
            pool.setPassword(settings.password());
            pool.setMaximumPoolSize(settings.maximumPoolSize());
            // Cleaner calls come in bursts: open connections as they are needed instead of holding them all.
            pool.setMinimumIdle(Math.min(MINIMUM_IDLE, settings.maximumPoolSize()));
            // and give back what a burst opened once it is over, instead of holding it for Hikari's default 10 minutes.
            pool.setIdleTimeout(Duration.ofSeconds(30).toMillis());
            pool.setConnectionTimeout(settings.connectionTimeout().toMillis());
            // Start even when a target database is down: its tasks wait and retry instead.
            pool.setInitializationFailTimeout(-1);
            // PostgreSQL's error details quote row values (a key that violated a constraint): keep them out of
            // exception messages, and so out of logs and error reports.
            pool.addDataSourceProperty("logServerErrorDetail", "false");
            pools.put(name, pool);
        });
    }

    /** The pool of a datasource named by {@code setting} (used in the message when it does not exist). */
    public DataSource get(String name, String setting) {
        DataSource pool = name == null ? null : pools.get(name);
        if (pool == null) {
            throw new InvalidConfigurationException(setting + " names unknown datasource '" + name
                    + "' (configure it under lethe.datasources)");
        }
        return pool;
    }

    /** Every pool by datasource name, in name order. */
    Map<String, DataSource> all() {
        return Collections.unmodifiableMap(pools);
    }

    @Override
    public void destroy() {
        pools.values().forEach(HikariDataSource::close);
    }
}
