package dev.lethe.cleaners.s3;

import dev.lethe.cleaners.SubjectTemplate;
import dev.lethe.core.DeletionRequest.Subject;
import dev.lethe.core.InvalidConfigurationException;
import java.util.ArrayList;
import java.util.List;

/**
 * The key prefix of one subject's objects: a template (placeholders {@code {id}}, {@code {tenant}}, {@code {type}},
 * {@code {sha256}}) whose substituted values are escaped so that no subject's prefix can reach another's objects.
 *
 * <p>S3 prefixes are literal (no wildcards), but a prefix matches every key that starts with it, and {@code /} is
 * what keeps subjects apart. So, checked at start:
 * <ul>
 *   <li>the template has a placeholder (a constant prefix would erase the same objects for every subject);</li>
 *   <li>the text after its last placeholder ends with {@code /}: with {@code users/{id}}, id {@code 1} would match
 *       {@code users/10/...};</li>
 *   <li>the text between two placeholders holds a {@code /}: with {@code {tenant}-{id}/}, tenant {@code a-b} and id
 *       {@code c} would meet tenant {@code a} and id {@code b-c}.</li>
 * </ul>
 * and, for every substituted value: {@code %} becomes {@code %25} and {@code /} becomes {@code %2F}, so a value never
 * adds a delimiter ({@code 1/../2} is {@code 1%2F..%2F2}, {@code 1/} is {@code 1%2F}); a value that is exactly
 * {@code .} or {@code ..} becomes {@code %2E} or {@code %2E%2E}, so no dot segment reaches a store that might
 * normalise paths. The escaping is one-to-one, and together with the rules above two different values give two
 * prefixes neither of which starts with the other.
 *
 * <p>{@link #toString()} is the template, never an expanded prefix.
 */
final class S3Prefix {

    private final String template;
    private final SubjectTemplate parsed;

    private S3Prefix(String template, SubjectTemplate parsed) {
        this.template = template;
        this.parsed = parsed;
    }

    /**
     * @param setting the full setting name for messages, {@code lethe.resources.<name>.prefix}
     * @throws InvalidConfigurationException naming the setting, for a template breaking the rules above
     */
    static S3Prefix parse(String template, String setting) {
        SubjectTemplate parsed = SubjectTemplate.parse(template, setting);
        List<String> literals = literalsBetweenPlaceholders(template);
        if (literals.size() < 2) {
            throw new InvalidConfigurationException(setting + " must contain a placeholder such as {id}: a constant "
                    + "prefix would erase the same objects for every subject");
        }
        if (!template.contains("{id}") && !template.contains("{sha256}")) {
            throw new InvalidConfigurationException(setting + " must name the subject with {id} or {sha256}: with only"
                    + " {tenant} or {type}, one subject's request would erase the objects of every subject like it");
        }
        for (int i = 1; i < literals.size() - 1; i++) {
            if (!literals.get(i).contains("/")) {
                throw new InvalidConfigurationException(setting + " must have a '/' between two placeholders (as in "
                        + "{tenant}/{id}/), so that one subject's values cannot form another's prefix");
            }
        }
        if (!literals.get(literals.size() - 1).endsWith("/")) {
            throw new InvalidConfigurationException(setting + " must end with '/' after its last placeholder (as in "
                    + "users/{id}/): without it, id 1 would also match the objects of id 10");
        }
        return new S3Prefix(template, parsed);
    }

    /** The subject's prefix, its values escaped. */
    String expand(Subject subject) {
        return parsed.expand(subject, S3Prefix::escape);
    }

    /** Escapes one substituted value: see the class comment. */
    static String escape(String value) {
        if (value.equals(".") || value.equals("..")) {
            return value.replace(".", "%2E");
        }
        return value.replace("%", "%25").replace("/", "%2F");
    }

    /**
     * The literal text before, between and after the placeholders: one more entry than there are placeholders. The
     * template was parsed already, so its braces are balanced and enclose placeholder names.
     */
    private static List<String> literalsBetweenPlaceholders(String template) {
        List<String> literals = new ArrayList<>();
        int start = 0;
        for (int open = template.indexOf('{'); open >= 0; open = template.indexOf('{', start)) {
            literals.add(template.substring(start, open));
            start = template.indexOf('}', open) + 1;
        }
        literals.add(template.substring(start));
        return literals;
    }

    @Override
    public String toString() {
        return template;
    }
}
