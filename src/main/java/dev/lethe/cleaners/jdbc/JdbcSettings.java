package dev.lethe.cleaners.jdbc;

import jakarta.validation.constraints.NotBlank;
import java.util.Map;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The settings of a {@code type: jdbc} resource, beside the common ones in {@code lethe.resources.<name>}.
 *
 * @param datasource name of an entry in {@code lethe.datasources}
 * @param table table holding the subject's rows (optionally schema-qualified), resolved as PostgreSQL resolves it
 * @param subjectColumn column whose stored value must be exactly the subject value
 * @param softDeleteColumn timestamp column SOFT mode sets to now() where it is null
 * @param softDeleteFlag boolean column SOFT mode sets to true (beside or instead of the timestamp column); without
 *     either SOFT skips
 * @param tenantColumn column compared with subject.tenant when the request names a tenant
 * @param where an extra SQL condition on the table's rows (configuration only, never subject data); rows it
 *     excludes are left alone in every mode
 * @param mask column to {@code null}, {@code hash} or a single-quoted SQL literal: HARD then masks the rows instead
 *     of deleting them
 */
record JdbcSettings(
        @NotBlank String datasource,
        @NotBlank String table,
        @NotBlank String subjectColumn,
        String softDeleteColumn,
        String softDeleteFlag,
        String tenantColumn,
        String where,
        @DefaultValue Map<String, String> mask) {
}
