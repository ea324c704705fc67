package dev.lethe.cleaners.filesystem;

import java.util.ArrayList;
import java.util.List;

/**
 * One segment of a path template after substitution: literal text, {@code *} (any run of characters, also none, also
 * a leading dot) and {@code ?} (exactly one character), never across a {@code /}. A backslash makes the next character
 * literal; substituted values arrive with every special character escaped, so an id matches only itself.
 */
final class SegmentPattern {

    private static final int ANY_RUN = -1;
    private static final int ANY_ONE = -2;

    /** Code points, or {@link #ANY_RUN} / {@link #ANY_ONE}. */
    private final int[] tokens;
    /** The name this segment stands for when it has no wildcard; null otherwise. */
    private final String literal;

    private SegmentPattern(int[] tokens, String literal) {
        this.tokens = tokens;
        this.literal = literal;
    }

    /**
     * Splits a relative path into segments.
     *
     * @throws IllegalArgumentException saying what is wrong, without quoting the path
     */
    static List<SegmentPattern> parsePath(String path) {
        String relative = path;
        if (relative.startsWith("/")) {
            throw new IllegalArgumentException("is an absolute path (paths are relative to root)");
        }
        if (relative.startsWith("~")) {
            throw new IllegalArgumentException("starts with '~' (paths are relative to root, never a home directory)");
        }
        if (relative.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("contains NUL");
        }
        List<SegmentPattern> segments = new ArrayList<>();
        for (String segment : relative.split("/", -1)) {
            segments.add(parseSegment(segment));
        }
        return List.copyOf(segments);
    }

    private static SegmentPattern parseSegment(String segment) {
        if (segment.isEmpty()) {
            throw new IllegalArgumentException("has an empty segment (nothing between two '/')");
        }
        List<Integer> tokens = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        boolean wildcard = false;
        for (int i = 0; i < segment.length(); ) {
            int c = segment.codePointAt(i);
            i += Character.charCount(c);
            if (c == '\\') {
                if (i >= segment.length()) {
                    throw new IllegalArgumentException("ends a segment with a lone '\\'");
                }
                int escaped = segment.codePointAt(i);
                i += Character.charCount(escaped);
                tokens.add(escaped);
                literal.appendCodePoint(escaped);
            } else if (c == '*' || c == '?') {
                tokens.add(c == '*' ? ANY_RUN : ANY_ONE);
                wildcard = true;
            } else if (c == '[' || c == ']') {
                throw new IllegalArgumentException("has '" + (char) c + "': character classes are not supported"
                        + " (write \\" + (char) c + " for the character itself)");
            } else {
                tokens.add(c);
                literal.appendCodePoint(c);
            }
        }
        String name = literal.toString();
        if (!wildcard && (name.equals(".") || name.equals(".."))) {
            throw new IllegalArgumentException("has a '.' or '..' segment");
        }
        return new SegmentPattern(tokens.stream().mapToInt(Integer::intValue).toArray(), wildcard ? null : name);
    }

    boolean isLiteral() {
        return literal != null;
    }

    /** The file name this segment names; only for a literal segment. */
    String literal() {
        return literal;
    }

    /** Whether a directory entry's name matches; {@code .} and {@code ..} never do. */
    boolean matches(String name) {
        if (name.equals(".") || name.equals("..")) {
            return false;
        }
        int[] text = name.codePoints().toArray();
        int t = 0;
        int p = 0;
        int starAt = -1;
        int textAtStar = 0;
        while (t < text.length) {
            if (p < tokens.length && (tokens[p] == ANY_ONE || tokens[p] == text[t])) {
                t++;
                p++;
            } else if (p < tokens.length && tokens[p] == ANY_RUN) {
                starAt = p++;
                textAtStar = t;
            } else if (starAt >= 0) {
                p = starAt + 1;
                t = ++textAtStar;
            } else {
                return false;
            }
        }
        while (p < tokens.length && tokens[p] == ANY_RUN) {
            p++;
        }
        return p == tokens.length;
    }
}
