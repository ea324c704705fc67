package dev.lethe.plan;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * One entry of {@code lethe.resources.<name>}: a place that holds subject data and how to erase it.
 * Type-specific settings (table, columns...) sit beside {@code type}; each cleaner type reads the ones it needs.
 *
 * @param type cleaner type: {@code jdbc}
 * @param datasource jdbc: name of an entry in {@code lethe.datasources}
 * @param table jdbc: table holding the subject's rows (optionally schema-qualified)
 * @param subjectColumn jdbc: column compared with subject.id, converted to the column's type
 * @param softDeleteColumn jdbc: timestamp column SOFT mode sets to now() where it is null; without it SOFT skips
 * @param tenantColumn jdbc: column compared with subject.tenant when the request names a tenant
 * @param subjectType the subject type this resource applies to
 * @param categories names a request's scope can use to select several resources at once
 * @param dependsOn resources that must complete before this one starts (within the same request)
 * @param maxAttempts cleaner calls before the task fails; empty means {@code lethe.tasks.max-attempts}
 * @param maxAge time from the first attempt after which the task fails; empty means {@code lethe.tasks.max-age}
 * @param resilience call protection of this resource; unset values take {@code lethe.resilience.*}
 */
public record ResourceProperties(
        String type,
        String datasource,
        String table,
        String subjectColumn,
        String softDeleteColumn,
        String tenantColumn,
        @DefaultValue("user") String subjectType,
        @DefaultValue List<String> categories,
        @DefaultValue List<String> dependsOn,
        Integer maxAttempts,
        Duration maxAge,
        @DefaultValue ResilienceSettings resilience) {
}
