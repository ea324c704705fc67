package dev.lethe.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class AuditChainTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String HASH = "ab".repeat(32);

    @Test
    void splicingTheHashInGivesTheBytesJacksonWritesForTheChainedEvent() {
        Map<String, Summary.ResourceResult> resources = new LinkedHashMap<>();
        resources.put("users", new Summary.ResourceResult("DELETED", 1));
        resources.put("caf\u00e9 \"odd\"", new Summary.ResourceResult("NOTHING_FOUND", 0));
        AuditEvent full = new AuditEvent(1, "e", AuditEventType.REQUEST_FAILED, "r-\u0000-\ud83d\ude00", "s".repeat(64),
                "2026-12-01T00:00:00Z", true, 2, "b", List.of("users", "posts"), "reason", "users", "DELETED", 3L, 4,
                "error \"quoted\"", new Summary(resources, 1), "2026-12-01T00:00:00Z", "2026-12-01T00:00:01Z",
                List.of("posts"), List.of("users"), "detail", 0L, "2026-12-02T00:00:00Z", "2026-12-31T00:00:00Z", null);
        AuditEvent minimal = new AuditEvent(1, "e", AuditEventType.REQUEST_ACCEPTED, "r", "s", "t", false, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);

        for (AuditEvent event : List.of(full, minimal)) {
            byte[] spliced = AuditChain.withHash(JSON.writeValueAsBytes(event), HASH);

            assertThat(new String(spliced, StandardCharsets.UTF_8))
                    .isEqualTo(new String(JSON.writeValueAsBytes(event.withChainHash(HASH)), StandardCharsets.UTF_8));
        }
    }

    @Test
    void refusesBytesThatAreNoJsonObject() {
        assertThatThrownBy(() -> AuditChain.withHash("[1]".getBytes(StandardCharsets.UTF_8), HASH))
                .isInstanceOf(IllegalStateException.class);
    }
}
