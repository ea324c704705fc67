package dev.lethe.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.audit.SubjectRef;
import dev.lethe.core.DeletionRequest.Mode;
import dev.lethe.core.DeletionRequest.Subject;
import dev.lethe.intake.RequestParser;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class BulkBatchTests {

    private static final BulkOptions HARD = new BulkOptions(Mode.HARD, false, List.of(), List.of(), null);
    private static final SubjectRef REFS = new SubjectRef("a-test-key-of-at-least-thirty-two-bytes");
    private static final RequestParser PARSER = new RequestParser(JsonMapper.builder().build());

    @Test
    void theSameSubjectsInAnotherOrderAreTheSameBatchWithTheSameRequestIds() {
        BulkBatch forward = plan(input("1", "2", "3"), HARD, null);
        BulkBatch backward = plan(input("3", "2", "1"), HARD, null);

        assertThat(backward.batchId()).isEqualTo(forward.batchId()).matches("bulk-[0-9a-f]{16}");
        assertThat(backward.requests()).extracting(BulkRequest::requestId)
                .containsExactlyInAnyOrderElementsOf(forward.requests().stream().map(BulkRequest::requestId).toList());
    }

    @Test
    void anotherModeDryRunOrScopeGivesOtherIdsButAnotherReasonDoesNot() {
        String id = plan(input("1"), HARD, null).requests().get(0).requestId();

        assertThat(plan(input("1"), new BulkOptions(Mode.SOFT, false, List.of(), List.of(), null), null).requests().get(0).requestId()).isNotEqualTo(id);
        assertThat(plan(input("1"), new BulkOptions(Mode.HARD, true, List.of(), List.of(), null), null).requests().get(0).requestId()).isNotEqualTo(id);
        assertThat(plan(input("1"), new BulkOptions(Mode.HARD, false, List.of("posts"), List.of(), null), null).requests().get(0).requestId()).isNotEqualTo(id);
        assertThat(plan(input("1"), new BulkOptions(Mode.HARD, false, List.of(), List.of(), "INACTIVITY"), null).requests().get(0).requestId()).isEqualTo(id);
    }

    @Test
    void aSubjectGivenTwiceIsSentOnceAndTheOtherTenantIsAnotherSubject() {
        BulkBatch batch = plan(new BulkInput(List.of(subject(1, "7", ""), subject(2, "7", ""), subject(3, "7", "acme")), List.of()),
                HARD, null);

        assertThat(batch.requests()).extracting(request -> request.subject().place()).containsExactly("line 1", "line 3");
        assertThat(batch.duplicates()).isOne();
    }

    @Test
    void requestIdsUnderTheLongestBatchIdAreValidRequestIds() {
        String batchId = "b".repeat(BulkBatch.MAX_BATCH_ID_LENGTH);

        BulkBatch batch = plan(input("1", "2"), HARD, batchId);

        assertThat(batch.requests()).allSatisfy(request ->
                assertThat(request.requestId()).startsWith(batchId + "-").matches("[A-Za-z0-9._:-]{1,128}"));
    }

    @Test
    void aBatchIdARequestIdCouldNotCarryIsRefused() {
        assertThatThrownBy(() -> plan(input("1"), HARD, "nightly run")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--batch-id");
        assertThatThrownBy(() -> plan(input("1"), HARD, "b".repeat(BulkBatch.MAX_BATCH_ID_LENGTH + 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everySubjectTheWorkerWouldRefuseIsListedInInputOrderWithTheReadersProblems() {
        BulkInput input = new BulkInput(List.of(subject(1, "ok", ""), subject(4, "x".repeat(257), ""),
                new BulkSubject("line 2", new Subject("us\u0001er", "ok2", ""))), List.of("line 3: not a JSON object"));

        assertThatThrownBy(() -> plan(input, HARD, null)).isInstanceOfSatisfying(InvalidSubjectsException.class, e ->
                assertThat(e.problems()).containsExactly("line 2: /subject/type: does not match the regex pattern ^[^\\u0000-\\u001F]*$",
                        "line 3: not a JSON object", "line 4: /subject/id: must be at most 256 characters long"));
    }

    private static BulkBatch plan(BulkInput input, BulkOptions options, String batchId) {
        return BulkBatch.plan(input, options, REFS, batchId, PARSER);
    }

    private static BulkInput input(String... ids) {
        return new BulkInput(IntStream.range(0, ids.length).mapToObj(i -> subject(i + 1, ids[i], "")).toList(), List.of());
    }

    private static BulkSubject subject(int line, String id, String tenant) {
        return new BulkSubject("line " + line, new Subject("user", id, tenant));
    }
}
