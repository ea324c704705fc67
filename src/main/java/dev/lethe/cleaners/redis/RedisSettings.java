package dev.lethe.cleaners.redis;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import java.util.List;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The settings of a {@code type: redis} resource, beside the common ones in {@code lethe.resources.<name>}. At
 * least one of {@code keys}, {@code hash-fields} and {@code set-members} is set; every template names the subject
 * ({@code {id}} or {@code {sha256}}).
 *
 * @param redis name of an entry in {@code lethe.redis}
 * @param keys key templates; one holding a {@code *} is a pattern, expanded with SCAN MATCH (never KEYS); any other
 *     names one key, used as is
 * @param hashFields one field of a (shared) hash each: {@code {key, field}} templates, removed with HDEL
 * @param setMembers one member of a (shared) set each: {@code {key, member}} templates, removed with SREM
 * @param scanCount the COUNT hint of each SCAN step (keys Redis looks at per step)
 */
record RedisSettings(
        @NotBlank String redis,
        @DefaultValue List<String> keys,
        @DefaultValue List<@Valid HashField> hashFields,
        @DefaultValue List<@Valid SetMember> setMembers,
        @DefaultValue("1000") @Positive int scanCount) {

    /**
     * @param key the hash's key template
     * @param field the field's template
     */
    record HashField(@NotBlank String key, @NotBlank String field) {
    }

    /**
     * @param key the set's key template
     * @param member the member's template
     */
    record SetMember(@NotBlank String key, @NotBlank String member) {
    }
}
