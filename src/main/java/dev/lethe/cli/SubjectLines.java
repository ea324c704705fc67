package dev.lethe.cli;

import dev.lethe.core.DeletionRequest.Subject;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the subjects of a bulk from text: one id a line, or a JSON object a line ({@code {"id":..., "type":...,
 * "tenant":...}}), told apart per line by a leading {@code {}. Blank lines are skipped; a plain line is the id without
 * the blanks around it. Problems name the line number only: the line is subject data.
 */
final class SubjectLines {

    private static final Set<String> FIELDS = Set.of("id", "type", "tenant");
    /** With the last value silently winning, a line naming two ids would erase the second. */
    private static final JsonMapper JSON = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private final String defaultType;
    private final String defaultTenant;

    SubjectLines(String defaultType, String defaultTenant) {
        this.defaultType = defaultType;
        this.defaultTenant = defaultTenant == null ? "" : defaultTenant;
    }

    BulkInput read(BufferedReader reader) throws IOException {
        List<BulkSubject> subjects = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int number = 0;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            number++;
            String text = line.strip();
            if (text.isEmpty()) {
                continue;
            }
            String place = "line " + number;
            if (text.startsWith("{")) {
                String problem = readJson(text, place, subjects);
                if (problem != null) {
                    problems.add(place + ": " + problem);
                }
            } else {
                subjects.add(new BulkSubject(place, new Subject(defaultType, text, defaultTenant)));
            }
        }
        return new BulkInput(subjects, problems);
    }

    /** @return what is wrong with the line, or null when it gave a subject */
    private String readJson(String text, String place, List<BulkSubject> subjects) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JacksonException e) {
            // Jackson's message quotes the input.
            return "not a JSON object (or a key twice)";
        }
        if (!node.isObject()) {
            return "not a JSON object";
        }
        if (node.propertyNames().stream().anyMatch(name -> !FIELDS.contains(name))) {
            return "a field other than id, type and tenant";
        }
        JsonNode id = node.path("id");
        if (!id.isString() && !id.isIntegralNumber()) {
            return "\"id\" is missing or not a string";
        }
        JsonNode type = node.path("type");
        JsonNode tenant = node.path("tenant");
        if (!(type.isMissingNode() || type.isString()) || !(tenant.isMissingNode() || tenant.isNull() || tenant.isString())) {
            return "\"type\" or \"tenant\" is not a string";
        }
        subjects.add(new BulkSubject(place, new Subject(type.asString(defaultType), id.asString(),
                tenant.isString() ? tenant.asString() : defaultTenant)));
        return null;
    }
}
