package dev.lethe.cleaners.http;

import dev.lethe.cleaners.SubjectTemplate;
import dev.lethe.core.DeletionRequest.Subject;
import dev.lethe.core.InvalidConfigurationException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A URL template ({@code https://api.example.com/v1/users/{id}?tenant={tenant}}) whose substituted values are
 * percent-encoded for their place: every byte of a value but the unreserved characters ({@code A-Z a-z 0-9 - . _ ~})
 * is encoded, so a {@code /}, {@code ?}, {@code #}, {@code &} or {@code =} in an id stays inside its own path segment
 * or query value and never changes the path or adds a parameter. A path segment made by a substitution may not be
 * empty, {@code .} or {@code ..} (a server could read those as another path): such a call is refused, fail closed.
 * The scheme, host and port are literal text: a placeholder there stops start-up. {@link #toString()} is the
 * template, never an expanded URL.
 */
final class UrlTemplate {

    private static final Set<String> UNSAFE_SEGMENTS = Set.of("", ".", "..");
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final String template;
    private final String setting;
    private final String origin;
    /** The path's segments after the first '/', each literal (null template) or with placeholders. */
    private final List<Segment> segments;
    private final boolean hasPath;
    private final String literalQuery;
    private final SubjectTemplate query;

    private UrlTemplate(String template, String setting, String origin, List<Segment> segments, boolean hasPath,
            String literalQuery, SubjectTemplate query) {
        this.template = template;
        this.setting = setting;
        this.origin = origin;
        this.segments = segments;
        this.hasPath = hasPath;
        this.literalQuery = literalQuery;
        this.query = query;
    }

    /**
     * @param setting the setting's full name, for messages
     * @throws InvalidConfigurationException naming the setting: not an absolute http(s) URL, a fragment, a
     *     placeholder in the scheme, host or port, or a placeholder the subject template does not know
     */
    static UrlTemplate parse(String template, String setting) {
        SubjectTemplate.parse(template, setting); // placeholders and braces, with positions in the whole template
        String lower = template.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
            throw new InvalidConfigurationException(setting + " must be an absolute http:// or https:// URL");
        }
        if (template.indexOf('#') >= 0) {
            throw new InvalidConfigurationException(setting + " must not have a fragment (#): it is never sent");
        }
        int authorityStart = template.indexOf("://") + 3;
        int authorityEnd = firstOf(template, authorityStart, '/', '?');
        String authority = template.substring(authorityStart, authorityEnd);
        if (authority.isEmpty() || authority.indexOf('{') >= 0) {
            throw new InvalidConfigurationException(setting + " must name its host literally: a placeholder may "
                    + "stand only in the path or the query");
        }
        int queryStart = template.indexOf('?', authorityEnd);
        String path = template.substring(authorityEnd, queryStart < 0 ? template.length() : queryStart);
        List<Segment> segments = new ArrayList<>();
        if (!path.isEmpty()) {
            for (String segment : path.substring(1).split("/", -1)) {
                segments.add(segment.indexOf('{') >= 0
                        ? new Segment(segment, SubjectTemplate.parse(segment, setting)) : new Segment(segment, null));
            }
        }
        String queryText = queryStart < 0 ? null : template.substring(queryStart + 1);
        SubjectTemplate query = queryText != null && queryText.indexOf('{') >= 0
                ? SubjectTemplate.parse(queryText, setting) : null;
        UrlTemplate url = new UrlTemplate(template, setting, template.substring(0, authorityEnd), List.copyOf(segments),
                !path.isEmpty(), queryText, query);
        url.checkWith(Samples.SUBJECT);
        return url;
    }

    /**
     * The subject's URL.
     *
     * @throws HttpCallFailure (permanent) when a substitution would make a path segment empty, {@code .} or
     *     {@code ..}
     */
    URI expand(Subject subject) throws HttpCallFailure {
        return URI.create(text(subject));
    }

    private String text(Subject subject) throws HttpCallFailure {
        StringBuilder url = new StringBuilder(origin);
        if (hasPath) {
            for (Segment segment : segments) {
                url.append('/');
                if (segment.template() == null) {
                    url.append(segment.literal());
                    continue;
                }
                if (UNSAFE_SEGMENTS.contains(segment.template().expand(subject))) {
                    throw HttpCallFailure.refused(setting + ": the subject's value would make a path segment empty, "
                            + "'.' or '..'; not called, so that no other resource is reached");
                }
                url.append(segment.template().expand(subject, UrlTemplate::encode));
            }
        }
        if (literalQuery != null) {
            url.append('?').append(query == null ? literalQuery : query.expand(subject, UrlTemplate::encode));
        }
        return url.toString();
    }

    /** Percent-encodes every UTF-8 byte of the value but the unreserved characters of RFC 3986. */
    static String encode(String value) {
        StringBuilder encoded = new StringBuilder(value.length());
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return encoded.toString();
    }

    private void checkWith(Subject sample) {
        try {
            URI uri = new URI(text(sample));
            if (uri.getHost() == null) {
                throw new InvalidConfigurationException(setting + " has no host name a URL can hold");
            }
        } catch (URISyntaxException e) {
            throw new InvalidConfigurationException(setting + " is not a valid URL: " + e.getReason()
                    + " (characters a URL cannot hold must be percent-encoded in the template)");
        } catch (HttpCallFailure e) {
            throw new IllegalStateException("the sample subject fills every segment", e);
        }
    }

    private static int firstOf(String text, int from, char a, char b) {
        for (int i = from; i < text.length(); i++) {
            if (text.charAt(i) == a || text.charAt(i) == b) {
                return i;
            }
        }
        return text.length();
    }

    @Override
    public String toString() {
        return template;
    }

    private record Segment(String literal, SubjectTemplate template) {
    }
}
