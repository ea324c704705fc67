package dev.lethe.cleaners.http;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The settings of a {@code type: http} resource, beside the common ones in {@code lethe.resources.<name>}.
 *
 * @param url the erase call's URL: a template with {@code {id}}, {@code {tenant}}, {@code {type}}, {@code {sha256}};
 *     each substituted value is percent-encoded, so it stays within its own path segment or query value
 * @param method the erase call's HTTP method
 * @param headers headers sent with every call of this resource; values may name environment variables as
 *     {@code ${NAME}}, resolved at start (a missing one stops start-up); values are never logged
 * @param body JSON body of the erase call: a template whose substituted values are JSON-escaped (so placeholders
 *     belong inside JSON strings); checked at start to give JSON
 * @param itemsPointer JSON pointer (RFC 6901) to the count of erased items in a 2xx response; without it a 2xx
 *     counts 1
 * @param nothingFoundStatuses statuses meaning the service holds nothing for the subject: {@code NOTHING_FOUND},
 *     items 0
 * @param dryRun the call a dry run makes; without it: GET on {@code url} (2xx counts 1, a nothing-found status 0)
 * @param soft the call SOFT mode makes; without it SOFT requests skip this resource
 * @param maxRetryAfter the longest {@code Retry-After} honoured; a longer one is cut to this, so a service cannot
 *     park a task beyond its retry budget's reach
 */
record HttpSettings(
        @NotBlank String url,
        @DefaultValue("DELETE") @NotNull @Pattern(regexp = HttpSettings.METHOD, message = HttpSettings.METHOD_MESSAGE)
        String method,
        @DefaultValue Map<String, String> headers,
        String body,
        String itemsPointer,
        @DefaultValue({"404", "410"}) @NotEmpty List<Integer> nothingFoundStatuses,
        @Valid DryRun dryRun,
        @Valid Soft soft,
        @DefaultValue("10m") @NotNull Duration maxRetryAfter) {

    static final String METHOD = "[A-Z]+";
    static final String METHOD_MESSAGE = "must be an HTTP method in capitals, such as DELETE, POST or PATCH";

    /**
     * The call a dry run makes instead of erasing; it must change nothing.
     *
     * @param method its HTTP method (not DELETE)
     * @param url its URL template; the erase call's {@code url} when unset
     * @param itemsPointer JSON pointer to the count in a 2xx response; without it a 2xx counts 1
     */
    record DryRun(
            @DefaultValue("GET") @NotNull @Pattern(regexp = METHOD, message = METHOD_MESSAGE) String method,
            String url,
            String itemsPointer) {
    }

    /**
     * The call SOFT mode makes: the service marks the subject's data deleted.
     *
     * @param method its HTTP method
     * @param url its URL template; the erase call's {@code url} when unset
     * @param body its JSON body template, as {@code body}
     * @param itemsPointer JSON pointer to the count in a 2xx response; without it a 2xx counts 1
     */
    record Soft(
            @NotNull @Pattern(regexp = METHOD, message = METHOD_MESSAGE) String method,
            String url,
            String body,
            String itemsPointer) {
    }
}
