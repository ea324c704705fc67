package dev.lethe.cleaners.filesystem;

import dev.lethe.cleaners.AmbiguousSubjectValue;
import dev.lethe.cleaners.SubjectTemplate;
import dev.lethe.core.DeletionRequest.Subject;
import dev.lethe.core.InvalidConfigurationException;
import java.util.List;

/**
 * One entry of {@code paths}: a {@link SubjectTemplate} whose expansion is a relative path of {@link SegmentPattern}s.
 * The template's own text is checked at start (relative, no {@code ..}, no empty segment, names the subject); each
 * substituted value is checked and escaped at every call, so it is one literal part of one segment: it can neither
 * add a segment, climb out, nor widen a wildcard.
 */
final class PathTemplate {

    /** Characters a substituted value has escaped, so they match only themselves. */
    private static final String SPECIAL = "*?[]{}\\";

    private final SubjectTemplate template;
    private final String setting;
    private final String separator;

    private PathTemplate(SubjectTemplate template, String setting, String separator) {
        this.template = template;
        this.setting = setting;
        this.separator = separator;
    }

    /**
     * @param setting {@code lethe.resources.<name>.paths[i]}, for messages
     * @param separator the filesystem's name separator ({@code /}, or also {@code \} where that separates)
     * @throws InvalidConfigurationException naming the setting when the template could reach outside root or would
     *     name the same files for every subject
     */
    static PathTemplate parse(String text, String setting, String separator) {
        // One trailing '/' of the template itself ("users/{id}/") is dropped here, never one left by an empty value.
        String relative = text.length() > 1 && text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
        SubjectTemplate template = SubjectTemplate.parse(relative, setting);
        if (!text.contains("{id}") && !text.contains("{sha256}")) {
            throw new InvalidConfigurationException(setting + " must name the subject with {id} or {sha256}: without"
                    + " it every subject's request would remove the same files");
        }
        if (java.util.regex.Pattern.compile("[*?\\[\\]]\\{|}[*?\\[\\]]").matcher(text).find()) {
            throw new InvalidConfigurationException(setting + " has a wildcard right next to a placeholder: for id 1,"
                    + " {id}* would also match the files of 12 and 123");
        }
        if (text.contains("\\{")) {
            throw new InvalidConfigurationException(setting + " has a '\\' right before a placeholder: it would"
                    + " escape part of the substituted value");
        }
        // The template's shape, every placeholder standing in for a harmless literal.
        String shape = template.expand(new Subject("x", "x", ""), value -> "x");
        if (!separator.equals("/") && shape.contains(separator)) {
            throw new InvalidConfigurationException(setting + " must use '/' between segments");
        }
        try {
            SegmentPattern.parsePath(shape);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException(setting + " " + e.getMessage());
        }
        return new PathTemplate(template, setting, separator);
    }

    /**
     * The subject's path as segments.
     *
     * @throws FilesystemRefusal when a substituted value would leave its segment ({@code /}, {@code .}, {@code ..},
     *     a leading {@code ~}, NUL) or leaves a segment empty (an empty {@code {tenant}}), or the values together
     *     make a {@code .} or {@code ..} segment: nothing may be removed then
     */
    List<SegmentPattern> segments(Subject subject) throws FilesystemRefusal {
        String path;
        try {
            path = template.expandUnambiguous(subject, this::escape);
        } catch (AmbiguousSubjectValue e) {
            throw new FilesystemRefusal(setting + ": " + e.getMessage() + "; nothing was removed");
        } catch (RefusedValue e) {
            throw new FilesystemRefusal(setting + ": a substituted value " + e.getMessage()
                    + "; nothing was removed");
        }
        if (path.startsWith("/")) {
            // the template is relative (checked at start) and no value holds a '/': an empty value came first
            throw new FilesystemRefusal(setting + ": after substitution the path has an empty segment (an empty"
                    + " value, such as {tenant} when the request names none); nothing was removed");
        }
        try {
            return SegmentPattern.parsePath(path);
        } catch (IllegalArgumentException e) {
            throw new FilesystemRefusal(setting + ": after substitution the path " + e.getMessage()
                    + "; nothing was removed");
        }
    }

    /** Checks one substituted value and escapes it into one literal part of a segment. */
    private String escape(String value) {
        if (value.indexOf('/') >= 0 || value.contains(separator)) {
            throw new RefusedValue("contains a path separator (it would leave its segment)");
        }
        if (value.indexOf('\0') >= 0) {
            throw new RefusedValue("contains NUL");
        }
        if (value.equals(".") || value.equals("..")) {
            throw new RefusedValue("is '.' or '..' (it would leave its segment)");
        }
        if (value.startsWith("~")) {
            throw new RefusedValue("starts with '~' (read as a home directory by shells and tools)");
        }
        StringBuilder escaped = new StringBuilder(value.length() + 4);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (SPECIAL.indexOf(c) >= 0) {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }

    /** The setting this template comes from, for messages. */
    String setting() {
        return setting;
    }

    @Override
    public String toString() {
        return template.toString();
    }

    /** A substituted value that must not become part of a path; says why, never what. */
    private static final class RefusedValue extends RuntimeException {
        RefusedValue(String reason) {
            super(reason, null, false, false);
        }
    }
}
