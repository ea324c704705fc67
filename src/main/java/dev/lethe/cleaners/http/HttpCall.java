package dev.lethe.cleaners.http;

import dev.lethe.core.DeletionRequest.Subject;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One kind of call an http resource makes (erase, dry run or soft), as configured: method, URL template, optional
 * JSON body template and optional pointer to the count in a 2xx response.
 *
 * @param method the HTTP method
 * @param url the URL template
 * @param body the JSON body template, or null for no body
 * @param itemsPointer where a 2xx response holds the count, or null: a 2xx then counts 1
 * @param pointerSetting the full name of the items-pointer setting, for messages
 */
record HttpCall(String method, UrlTemplate url, JsonBodyTemplate body, JsonPointer itemsPointer,
        String pointerSetting) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Whether a 2xx response's body is read (for its count). */
    boolean readsBody() {
        return itemsPointer != null;
    }

    /**
     * The request for one subject.
     *
     * @throws HttpCallFailure when the subject's value cannot be put in the URL safely
     */
    HttpRequest request(Subject subject, Map<String, String> headers, Duration timeout) throws HttpCallFailure {
        HttpRequest.Builder request = HttpRequest.newBuilder(url.expand(subject)).timeout(timeout);
        headers.forEach(request::header);
        if (body == null) {
            return request.method(method, BodyPublishers.noBody()).build();
        }
        if (headers.keySet().stream().noneMatch("content-type"::equalsIgnoreCase)) {
            request.header("Content-Type", "application/json");
        }
        return request.method(method, BodyPublishers.ofString(body.expand(subject), StandardCharsets.UTF_8)).build();
    }

    /**
     * The count a 2xx response gives.
     *
     * @throws HttpCallFailure (permanent) when the items pointer finds no non-negative integer
     */
    long count(byte[] response, int status) throws HttpCallFailure {
        if (itemsPointer == null) {
            return 1;
        }
        JsonNode found;
        try {
            found = JSON.readTree(response == null ? new byte[0] : response).at(itemsPointer);
        } catch (JacksonException e) {
            throw HttpCallFailure.badResponse(pointerSetting + ": the HTTP " + status + " response to " + method
                    + " is not JSON, so it has no count", status);
        }
        if (found == null || !found.isIntegralNumber() || !found.canConvertToLong() || found.longValue() < 0) {
            throw HttpCallFailure.badResponse(pointerSetting + ": the HTTP " + status + " response to " + method
                    + " has no non-negative integer at " + itemsPointer, status);
        }
        return found.longValue();
    }
}
