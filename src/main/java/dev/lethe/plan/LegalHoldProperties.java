package dev.lethe.plan;

import dev.lethe.core.InvalidConfigurationException;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Which subjects' data must be kept for now ({@code lethe.legal-hold}). Without a query no subject is held.
 *
 * @param datasource name of an entry in {@code lethe.datasources} to run the query on
 * @param query SQL with exactly one {@code ?}, bound to the subject id; a subject is held when it returns a row
 */
@ConfigurationProperties("lethe.legal-hold")
public record LegalHoldProperties(String datasource, String query) {

    public LegalHoldProperties {
        // A datasource without a query is a hold half configured: running as if nobody were held would erase held data.
        if (datasource != null && !datasource.isBlank() && (query == null || query.isBlank())) {
            throw new InvalidConfigurationException("lethe.legal-hold.query must be set where lethe.legal-hold.datasource"
                    + " is (a subject is held when it returns a row)");
        }
    }

    public boolean isConfigured() {
        return query != null && !query.isBlank();
    }
}
