package dev.lethe.cleaners.redis;

import dev.lethe.cleaners.ResourceSettings;
import dev.lethe.cleaners.SubjectTemplate;
import dev.lethe.core.DeletionRequest.Subject;
import dev.lethe.core.InvalidConfigurationException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The templates of a {@code redis} resource, parsed and checked once at start-up: {@code keys} (a template with a
 * {@code *} is a SCAN MATCH pattern, any other names one key), {@code hash-fields} and {@code set-members}.
 *
 * <p>Escaping: a value substituted into a pattern has the glob characters {@code * ? [ ] \} escaped with {@code \},
 * so an id never widens the pattern (id {@code a*} matches only the key {@code a*}, not {@code ab}); in a literal key,
 * a field or a member the value is used verbatim, byte for byte (UTF-8), as Redis compares it.
 */
final class RedisTemplates {

    /** The characters Redis glob patterns (SCAN MATCH) give a meaning; anything else matches itself. */
    private static final String GLOB_CHARACTERS = "*?[]\\";

    private RedisTemplates() {
    }

    /** {@code value} with every glob character escaped, so that as part of a pattern it matches only itself. */
    static String escapeGlob(String value) {
        StringBuilder escaped = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (GLOB_CHARACTERS.indexOf(c) >= 0) {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }

    /** The {@code keys} templates, each checked; errors name {@code lethe.resources.<name>.keys[i]}. */
    static List<KeyTemplate> keys(String resource, List<String> templates) {
        List<KeyTemplate> keys = new ArrayList<>();
        for (int i = 0; i < templates.size(); i++) {
            String label = "keys[" + i + "]";
            String setting = ResourceSettings.name(resource, label);
            String text = templates.get(i);
            SubjectTemplate template = SubjectTemplate.parse(text, setting);
            requireSubject(setting, text);
            boolean pattern = text.indexOf('*') >= 0;
            if (pattern && globNextToPlaceholder(text)) {
                throw new InvalidConfigurationException(setting + ": a wildcard (* ? [ ] \\) next to a placeholder "
                        + "would match other subjects' keys (id 1 would match 12's): put a separator between them, "
                        + "e.g. user:{id}:*");
            }
            keys.add(new KeyTemplate(template, pattern, label));
        }
        return List.copyOf(keys);
    }

    /**
     * The {@code hash-fields} or {@code set-members} entries ({@code part} is {@code field} or {@code member}).
     * Neither the key nor the field may hold a {@code *}: these name one field of one hash, and an operator who wrote
     * a pattern would otherwise see nothing erased, silently.
     */
    static List<EntryTemplate> entries(String resource, String setting, String part, List<String[]> keysAndParts) {
        List<EntryTemplate> entries = new ArrayList<>();
        for (int i = 0; i < keysAndParts.size(); i++) {
            String label = setting + "[" + i + "]";
            String keyText = keysAndParts.get(i)[0];
            String partText = keysAndParts.get(i)[1];
            String keySetting = ResourceSettings.name(resource, label + ".key");
            String partSetting = ResourceSettings.name(resource, label + "." + part);
            SubjectTemplate key = SubjectTemplate.parse(keyText, keySetting);
            SubjectTemplate member = SubjectTemplate.parse(partText, partSetting);
            noPattern(keySetting, keyText);
            noPattern(partSetting, partText);
            requireSubject(ResourceSettings.name(resource, label), keyText + partText);
            entries.add(new EntryTemplate(key, member, label));
        }
        return List.copyOf(entries);
    }

    /** Whether a glob character stands right before a placeholder's '{' or right after its '}'. */
    private static boolean globNextToPlaceholder(String template) {
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '{' && i > 0 && GLOB_CHARACTERS.indexOf(template.charAt(i - 1)) >= 0) {
                return true;
            }
            if (c == '}' && i + 1 < template.length() && GLOB_CHARACTERS.indexOf(template.charAt(i + 1)) >= 0) {
                return true;
            }
        }
        return false;
    }

    private static void requireSubject(String setting, String text) {
        if (!text.contains("{id}") && !text.contains("{sha256}")) {
            throw new InvalidConfigurationException(setting + " must contain {id} or {sha256}: without them it names "
                    + "the same data for every subject");
        }
    }

    private static void noPattern(String setting, String text) {
        if (text.indexOf('*') >= 0) {
            throw new InvalidConfigurationException(setting + " must not contain '*': it names one field or member "
                    + "(patterns are for keys)");
        }
    }

    /**
     * One {@code keys} entry.
     *
     * @param pattern whether it holds a {@code *}: expanded with SCAN MATCH, the substituted values escaped
     * @param label {@code keys[i]}, for messages
     */
    record KeyTemplate(SubjectTemplate template, boolean pattern, String label) {

        Bytes expand(Subject subject) {
            // A pattern must not be ambiguous: with cart:{id}:*, an id holding ':' is refused (see SubjectTemplate).
            return Bytes.utf8(pattern ? template.expandUnambiguous(subject, RedisTemplates::escapeGlob)
                    : template.expand(subject, UnaryOperator.identity()));
        }
    }

    /**
     * One {@code hash-fields} or {@code set-members} entry: a key and a field (member), both used verbatim.
     *
     * @param label {@code hash-fields[i]} or {@code set-members[i]}, for messages
     */
    record EntryTemplate(SubjectTemplate key, SubjectTemplate part, String label) {

        Entry expand(Subject subject) {
            return new Entry(Bytes.utf8(key.expand(subject)), Bytes.utf8(part.expand(subject)));
        }
    }

    /** A field of a hash, or a member of a set. */
    record Entry(Bytes key, Bytes part) {
    }
}
