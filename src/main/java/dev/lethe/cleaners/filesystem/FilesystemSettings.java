package dev.lethe.cleaners.filesystem;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import java.util.List;

/**
 * The settings of a {@code type: filesystem} resource, beside the common ones in {@code lethe.resources.<name>}.
 *
 * @param root the directory everything of this resource lives under; it must exist at start, and nothing outside it
 *     is ever touched
 * @param paths templates relative to {@code root}, {@code /} between segments, {@code *} and {@code ?} matching
 *     within one segment, placeholders as in {@code subject-value}; a matched directory is removed with everything
 *     in it
 */
record FilesystemSettings(@NotBlank String root, @NotEmpty List<@NotBlank String> paths) {
}
