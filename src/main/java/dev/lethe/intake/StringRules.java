package dev.lethe.intake;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The rules on strings that the JSON Schema cannot express, checked on every string of a record: values and field
 * names, in known and unknown fields alike.
 *
 * <ul>
 * <li>No U+0000 (the contract's Text rule): PostgreSQL cannot hold it in text (SQLSTATE 22021), so a request that
 * carried one into the ledger or a query would fail there, far from the record that caused it, and could stall
 * intake or planning. The schema forbids it in the known fields; this walk also covers unknown fields and field
 * names, so that no field that becomes known later, and no template that uses it, can trip over one.</li>
 * <li>No unpaired UTF-16 surrogate (a lone {@code \ud800} escape): encoding it as UTF-8 replaces it with {@code ?},
 * so two different ids would become the same bytes, the same subjectRef and the same rows.</li>
 * </ul>
 *
 * The walk is iterative, so a deeply nested record cannot overflow the stack (Jackson also caps the depth).
 */
final class StringRules {

    private StringRules() {
    }

    /** The first string that breaks a rule, as a one-line detail naming its place; empty when all hold. */
    static Optional<String> firstViolation(JsonNode root) {
        Deque<Place> pending = new ArrayDeque<>();
        pending.add(new Place("", root));
        while (!pending.isEmpty()) {
            Place place = pending.poll();
            JsonNode node = place.node();
            if (node.isString()) {
                Optional<String> problem = problemWith(node.stringValue());
                if (problem.isPresent()) {
                    return Optional.of(SafePointer.describe(place.pointer()) + ": " + problem.get());
                }
            } else if (node.isObject()) {
                for (Map.Entry<String, JsonNode> property : node.properties()) {
                    Optional<String> problem = problemWith(property.getKey());
                    if (problem.isPresent()) {
                        return Optional.of(SafePointer.describe(place.pointer()) + ": a field name " + problem.get());
                    }
                    pending.add(new Place(SafePointer.child(place.pointer(), property.getKey()), property.getValue()));
                }
            } else if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    pending.add(new Place(SafePointer.child(place.pointer(), i), node.get(i)));
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> problemWith(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return Optional.of("contains U+0000");
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return Optional.of("contains an unpaired UTF-16 surrogate");
            }
        }
        return Optional.empty();
    }

    private record Place(String pointer, JsonNode node) {
    }
}
