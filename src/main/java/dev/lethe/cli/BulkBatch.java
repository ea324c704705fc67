package dev.lethe.cli;

import dev.lethe.audit.SubjectRef;
import dev.lethe.intake.ParsedRecord;
import dev.lethe.intake.RequestParser;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The requests of a bulk under one batch id. Ids are derived, never random, so that running the same bulk again
 * finds the requests it sent before instead of sending new ones: the batch id from the sorted subjectRefs and the
 * options (unless given), each request id from the batch id, the subjectRef and the options. Both derive from
 * subjectRefs, which are keyed HMACs: no id leaks into them.
 *
 * @param batchId the batch id every request carries
 * @param requests one per distinct subject, in input order
 * @param duplicates subjects the input gave more than once (sent once)
 */
record BulkBatch(String batchId, List<BulkRequest> requests, int duplicates) {

    /** Room for {@code -} and the request id's own hash within the 128 characters a request id may have. */
    static final int MAX_BATCH_ID_LENGTH = 100;
    private static final Pattern BATCH_ID = Pattern.compile("[A-Za-z0-9._:-]{1," + MAX_BATCH_ID_LENGTH + "}");
    private static final int BATCH_HASH_LENGTH = 16;
    private static final int REQUEST_HASH_LENGTH = 24;
    private static final String REQUESTED_BY = "lethe-bulk";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    BulkBatch {
        requests = List.copyOf(requests);
    }

    /**
     * @param givenBatchId the operator's batch id, or null to derive one
     * @throws InvalidSubjectsException listing, in input order, every place the input could not be read or gave a
     *         subject the worker would refuse
     */
    static BulkBatch plan(BulkInput input, BulkOptions options, SubjectRef subjectRef, String givenBatchId,
            RequestParser parser) {
        List<BulkSubject> subjects = input.subjects();
        if (givenBatchId != null && !BATCH_ID.matcher(givenBatchId).matches()) {
            throw new IllegalArgumentException("--batch-id must be 1-" + MAX_BATCH_ID_LENGTH + " of [A-Za-z0-9._:-]");
        }
        Map<String, BulkSubject> byRef = new LinkedHashMap<>();
        subjects.forEach(subject -> byRef.putIfAbsent(subjectRef.of(subject.subject()), subject));
        String batchId = givenBatchId != null ? givenBatchId
                : "bulk-" + sha256(String.join("\n", byRef.keySet().stream().sorted().toList()) + "\n" + options.fingerprint())
                        .substring(0, BATCH_HASH_LENGTH);
        List<BulkRequest> requests = new ArrayList<>();
        List<String> problems = new ArrayList<>(input.problems());
        byRef.forEach((ref, subject) -> {
            String requestId = batchId + "-" + sha256(ref + "\n" + options.fingerprint()).substring(0, REQUEST_HASH_LENGTH);
            byte[] value = requestValue(requestId, subject, batchId, options);
            // The worker's own parser: whatever it would dead-letter is refused here, before anything is sent.
            if (parser.parse(value) instanceof ParsedRecord.Malformed malformed) {
                problems.add(subject.place() + ": " + malformed.detail());
            } else {
                requests.add(new BulkRequest(requestId, ref, subject, value));
            }
        });
        if (!problems.isEmpty()) {
            problems.sort(Comparator.comparingInt(BulkBatch::position));
            throw new InvalidSubjectsException(problems);
        }
        return new BulkBatch(batchId, requests, subjects.size() - byRef.size());
    }

    /** The number in a problem's place: {@code line 7: ...} is 7. */
    private static int position(String problem) {
        return Integer.parseInt(problem.substring(problem.indexOf(' ') + 1, problem.indexOf(':')));
    }

    private static byte[] requestValue(String requestId, BulkSubject subject, String batchId, BulkOptions options) {
        ObjectNode request = JSON.createObjectNode();
        request.put("requestId", requestId);
        ObjectNode target = request.putObject("subject").put("type", subject.subject().type()).put("id", subject.subject().id());
        if (subject.subject().hasTenant()) {
            target.put("tenant", subject.subject().tenant());
        }
        options.writeTo(request);
        request.put("requestedBy", REQUESTED_BY).put("batchId", batchId).put("schemaVersion", 1);
        return request.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
