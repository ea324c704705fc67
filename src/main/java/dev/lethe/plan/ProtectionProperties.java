package dev.lethe.plan;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Which subjects are never erased ({@code lethe.protection}). Without a query no subject is protected.
 *
 * @param datasource name of an entry in {@code lethe.datasources} to run the query on
 * @param query SQL with exactly one {@code ?}, bound to the subject id; a subject is protected when it returns a row
 */
@ConfigurationProperties("lethe.protection")
public record ProtectionProperties(String datasource, String query) {

    public boolean isConfigured() {
        return query != null && !query.isBlank();
    }
}
