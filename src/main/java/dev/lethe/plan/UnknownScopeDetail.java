package dev.lethe.plan;

import dev.lethe.core.DeletionRequest.Subject;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The {@code detail} of an {@code UNKNOWN_SCOPE} rejection: which scope names matched no resource and no category, so
 * that the sender can fix a typo without asking an operator. The names come from the request, meant as configuration
 * names; a sender could still have put anything there, so each is cut short, limited to the characters resource
 * names use, and left out altogether where it holds the subject's id or tenant.
 */
final class UnknownScopeDetail {

    static final int MAX_NAMES = 5;
    static final int MAX_NAME_LENGTH = 64;
    static final String WITHHELD = "(a name holding the subject's id or tenant)";
    private static final Pattern NOT_A_NAME_CHARACTER = Pattern.compile("[^A-Za-z0-9._:/-]");

    private UnknownScopeDetail() {
    }

    static String of(List<String> unknownNames, Subject subject) {
        Set<String> names = new LinkedHashSet<>();
        for (String name : unknownNames) {
            names.add(holdsSubjectData(name, subject) ? WITHHELD : sanitized(name));
        }
        String listed = names.stream().limit(MAX_NAMES).collect(Collectors.joining(", "));
        String more = names.size() > MAX_NAMES ? " and " + (names.size() - MAX_NAMES) + " more" : "";
        return "unknown scope names: " + listed + more;
    }

    private static boolean holdsSubjectData(String name, Subject subject) {
        return name.contains(subject.id()) || (subject.tenant() != null && !subject.tenant().isEmpty()
                && name.contains(subject.tenant()));
    }

    private static String sanitized(String name) {
        String cut = name.length() > MAX_NAME_LENGTH ? name.substring(0, MAX_NAME_LENGTH) + "..." : name;
        return NOT_A_NAME_CHARACTER.matcher(cut).replaceAll("?");
    }
}
