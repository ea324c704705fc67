package dev.lethe.cli;

import dev.lethe.core.DeletionRequest.Subject;

/**
 * A subject of a bulk, with where the input gave it ({@code line 12}, {@code row 3}): problems are reported by that
 * place, never by the subject's values.
 */
record BulkSubject(String place, Subject subject) {
}
