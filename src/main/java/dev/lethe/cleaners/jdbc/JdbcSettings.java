package dev.lethe.cleaners.jdbc;

import jakarta.validation.constraints.NotBlank;

/**
 * The settings of a {@code type: jdbc} resource, beside the common ones in {@code lethe.resources.<name>}.
 *
 * @param datasource name of an entry in {@code lethe.datasources}
 * @param table table holding the subject's rows (optionally schema-qualified), resolved as PostgreSQL resolves it
 * @param subjectColumn column whose stored value must be exactly the subject value
 * @param softDeleteColumn timestamp column SOFT mode sets to now() where it is null; without it SOFT skips
 * @param tenantColumn column compared with subject.tenant when the request names a tenant
 */
record JdbcSettings(
        @NotBlank String datasource,
        @NotBlank String table,
        @NotBlank String subjectColumn,
        String softDeleteColumn,
        String tenantColumn) {
}
