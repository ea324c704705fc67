package dev.lethe.plan;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The common settings of one entry of {@code lethe.resources.<name>}: a place that holds subject data. Each type's
 * own settings (a table, a bucket, a URL...) sit beside {@code type} and are bound by that type alone.
 *
 * @param type resource type: the {@code type()} of a registered cleaner factory ({@code jdbc}, ...)
 * @param subjectType the subject type this resource applies to
 * @param subjectValue how the subject appears in this resource's store: a template with {@code {id}},
 *     {@code {tenant}}, {@code {type}} and {@code {sha256}} (each type parses it at start)
 * @param categories names a request's scope can use to select several resources at once
 * @param dependsOn resources that must complete before this one starts (within the same request)
 * @param maxAttempts cleaner calls before the task fails; empty means {@code lethe.tasks.max-attempts}
 * @param maxAge time from the first attempt after which the task fails; empty means {@code lethe.tasks.max-age}
 * @param resilience call protection of this resource; unset values take {@code lethe.resilience.*}
 */
public record ResourceProperties(
        String type,
        @DefaultValue("user") String subjectType,
        @DefaultValue("{id}") String subjectValue,
        @DefaultValue List<String> categories,
        @DefaultValue List<String> dependsOn,
        Integer maxAttempts,
        Duration maxAge,
        @DefaultValue ResilienceSettings resilience) {
}
