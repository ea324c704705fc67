package dev.lethe.cleaners;

import dev.lethe.core.DeletionRequest.Subject;
import dev.lethe.core.InvalidConfigurationException;
import dev.lethe.plan.Resource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * How a subject appears in a store ({@code subject-value}, and the templates of other types' settings): literal
 * text with the placeholders {@code {id}}, {@code {tenant}} (empty when the request names none), {@code {type}} and
 * {@code {sha256}} (lowercase hex SHA-256 of the UTF-8 id, for stores keyed by a hashed user id). Parsed once at
 * start, so a typo stops start-up instead of matching nothing at run time. There is no escape for a literal brace:
 * no store this serves needs one, and a brace is then always a mistake.
 *
 * <p>{@link #toString()} is the template itself, never an expanded value: templates may be logged, subjects not.
 */
public final class SubjectTemplate {

    /** The default {@code subject-value}: the id as the request gives it. */
    public static final String ID = "{id}";

    private static final Map<String, Function<Subject, String>> PLACEHOLDERS = Map.of(
            "id", Subject::id,
            "tenant", Subject::tenant,
            "type", Subject::type,
            "sha256", subject -> sha256Hex(subject.id()));

    private final String template;
    /** Literal text and placeholders in order; a placeholder's function gives its value, a literal's is constant. */
    private final List<Part> parts;

    private SubjectTemplate(String template, List<Part> parts) {
        this.template = template;
        this.parts = parts;
    }

    /** The resource's {@code subject-value}, named {@code lethe.resources.<name>.subject-value} in errors. */
    public static SubjectTemplate of(Resource resource) {
        String value = resource.settings().subjectValue();
        return parse(value == null ? ID : value, ResourceSettings.name(resource.name(), "subject-value"));
    }

    /**
     * @param setting the full name of the setting the template comes from, for the error message
     * @throws InvalidConfigurationException for an empty template, an unknown placeholder or an unbalanced brace
     */
    public static SubjectTemplate parse(String template, String setting) {
        if (template == null || template.isEmpty()) {
            throw new InvalidConfigurationException(setting + " must not be empty (the default is " + ID + ")");
        }
        List<Part> parts = new ArrayList<>();
        int literalStart = 0;
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '}') {
                throw new InvalidConfigurationException(setting + ": unbalanced '}' at position " + (i + 1) + known());
            }
            if (c != '{') {
                continue;
            }
            int end = template.indexOf('}', i + 1);
            int nextOpen = template.indexOf('{', i + 1);
            if (end < 0 || (nextOpen >= 0 && nextOpen < end)) {
                throw new InvalidConfigurationException(setting + ": unbalanced '{' at position " + (i + 1) + known());
            }
            String name = template.substring(i + 1, end);
            Function<Subject, String> value = PLACEHOLDERS.get(name);
            if (value == null) {
                throw new InvalidConfigurationException(setting + ": unknown placeholder {" + name + "}" + known());
            }
            if (literalStart < i) {
                parts.add(Part.literal(template.substring(literalStart, i)));
            }
            parts.add(new Part(value, true, name, end + 1 < template.length() ? template.charAt(end + 1) : null));
            i = end;
            literalStart = end + 1;
        }
        if (literalStart < template.length()) {
            parts.add(Part.literal(template.substring(literalStart)));
        }
        return new SubjectTemplate(template, List.copyOf(parts));
    }

    /** The subject's value in the store. */
    public String expand(Subject subject) {
        return expand(subject, UnaryOperator.identity());
    }

    /**
     * The subject's value with each substituted value escaped for its place (a key pattern, a path, a URL); the
     * template's own text is taken as written, so its wildcards and separators keep their meaning.
     */
    public String expand(Subject subject, UnaryOperator<String> escape) {
        StringBuilder value = new StringBuilder();
        for (Part part : parts) {
            String text = part.value().apply(subject);
            value.append(part.substituted() ? escape.apply(text) : text);
        }
        return value.toString();
    }

    /**
     * As {@link #expand(Subject, UnaryOperator)}, for a template that is a pattern or a prefix (a key with a {@code *},
     * an object prefix, a path): a substituted value may not hold the character that follows its placeholder (the
     * {@code :} of {@code cart:{id}:*}, the {@code /} of {@code users/{id}/}). With it, the subjects (t, "a:b") and
     * (t:a, "b") would expand alike, and the store could not tell one subject's items from another's: Lethe refuses
     * such a subject rather than guess (a permanent failure, naming the placeholder, never the value).
     */
    public String expandUnambiguous(Subject subject, UnaryOperator<String> escape) {
        for (Part part : parts) {
            if (part.substituted() && part.separator() != null
                    && part.value().apply(subject).indexOf(part.separator()) >= 0) {
                throw new AmbiguousSubjectValue(template, part.placeholder(), part.separator());
            }
        }
        return expand(subject, escape);
    }

    @Override
    public String toString() {
        return template;
    }

    /** Lowercase hex SHA-256 of the UTF-8 text. */
    static String sha256Hex(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static String known() {
        return " (placeholders: {id}, {tenant}, {type}, {sha256})";
    }

    /**
     * @param placeholder the placeholder's name, null for literal text
     * @param separator the template's character right after the placeholder, null at the end or for literal text
     */
    private record Part(Function<Subject, String> value, boolean substituted, String placeholder, Character separator) {

        static Part literal(String text) {
            return new Part(subject -> text, false, null, null);
        }
    }
}
