package dev.lethe.cleaners.jdbc;

import dev.lethe.cleaners.CleanCommand;

/**
 * What a jdbc statement matches a subject by: its value in the subject column (the expanded {@code subject-value}),
 * and its tenant where the table has a tenant column and the request names one (null otherwise: requests without a
 * tenant are not narrowed).
 */
record SubjectKey(String value, String tenant) {

    static SubjectKey of(CleanCommand command, String value, boolean tableHasTenantColumn) {
        boolean narrowed = tableHasTenantColumn && command.subject().hasTenant();
        return new SubjectKey(value, narrowed ? command.subject().tenant() : null);
    }

    /** Never the value or tenant: subjects must not reach logs through a careless toString. */
    @Override
    public String toString() {
        return "SubjectKey[narrowed=" + (tenant != null) + "]";
    }
}
