package dev.lethe.cleaners.jdbc;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Databases that hold the data to erase ({@code lethe.datasources}), by name. Not the ledger:
 * that is {@code spring.datasource}.
 *
 * @param datasources connection settings by name
 */
@ConfigurationProperties("lethe")
public record DataSourcesProperties(@DefaultValue Map<String, TargetDataSource> datasources) {

    /**
     * @param url JDBC URL
     * @param username user name
     * @param password password
     * @param maximumPoolSize connections kept open to this database
     * @param connectionTimeout how long a call waits for a connection before failing (a transient error)
     */
    public record TargetDataSource(String url, String username, String password,
            @DefaultValue("16") int maximumPoolSize, @DefaultValue("5s") Duration connectionTimeout) {
    }
}
