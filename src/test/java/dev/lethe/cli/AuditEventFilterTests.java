package dev.lethe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class AuditEventFilterTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNode IN_BATCH = JSON.readTree(
            "{\"type\":\"TASK_FAILED\",\"requestId\":\"r-1\",\"subjectRef\":\"ref-a\",\"batchId\":\"nightly\"}");
    private static final JsonNode WITHOUT_BATCH = JSON.readTree(
            "{\"type\":\"REQUEST_COMPLETED\",\"requestId\":\"r-2\",\"subjectRef\":\"ref-b\"}");

    @Test
    void withoutCriteriaLetsEveryEventThrough() {
        assertThat(AuditEventFilter.EVERYTHING.matches(IN_BATCH)).isTrue();
        assertThat(AuditEventFilter.EVERYTHING.matches(JSON.readTree("{}"))).isTrue();
    }

    @Test
    void matchesAnyOfTheRequestIds() {
        AuditEventFilter filter = new AuditEventFilter(Set.of("r-1", "r-9"), Set.of(), Set.of(), Set.of());

        assertThat(filter.matches(IN_BATCH)).isTrue();
        assertThat(filter.matches(WITHOUT_BATCH)).isFalse();
    }

    @Test
    void leavesOutEventsWithoutABatchIdWhenABatchIsAskedFor() {
        AuditEventFilter filter = new AuditEventFilter(Set.of(), Set.of("nightly"), Set.of(), Set.of());

        assertThat(filter.matches(IN_BATCH)).isTrue();
        assertThat(filter.matches(WITHOUT_BATCH)).isFalse();
    }

    @Test
    void requiresEveryCriterionGiven() {
        AuditEventFilter subjectAndType = new AuditEventFilter(Set.of(), Set.of(), Set.of("ref-a"), Set.of("TASK_FAILED"));
        AuditEventFilter subjectButOtherType = new AuditEventFilter(Set.of(), Set.of(), Set.of("ref-a"), Set.of("REQUEST_FAILED"));

        assertThat(subjectAndType.matches(IN_BATCH)).isTrue();
        assertThat(subjectButOtherType.matches(IN_BATCH)).isFalse();
    }

    @Test
    void aFieldThatIsNotAStringMatchesNothing() {
        AuditEventFilter filter = new AuditEventFilter(Set.of("1"), Set.of(), Set.of(), Set.of());

        assertThat(filter.matches(JSON.readTree("{\"requestId\":1}"))).isFalse();
    }
}
