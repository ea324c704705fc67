package dev.lethe.cleaners.memory;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/**
 * The settings of a {@code type: memory} resource: a test-only type proving that a resource type is one package.
 *
 * @param collection the store's collection holding the subject's items
 * @param softDeleteSupported whether SOFT marks items instead of skipping the resource
 */
record MemorySettings(@NotBlank @Pattern(regexp = "[a-z_]+") String collection, boolean softDeleteSupported) {
}
