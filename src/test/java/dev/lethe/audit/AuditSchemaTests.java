package dev.lethe.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.core.TaskOutcome;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The contract: the schema in {@code schemas/} lists every outcome the worker writes. */
class AuditSchemaTests {

    @Test
    void everyTaskOutcomeIsInEveryOutcomeEnumOfTheSchema() throws Exception {
        JsonNode schema;
        try (InputStream in = AuditSchemaTests.class.getResourceAsStream("/schemas/audit-event.v1.json")) {
            schema = JsonMapper.builder().build().readTree(in);
        }
        List<List<String>> enums = new ArrayList<>();
        collectOutcomeEnums(schema, enums);

        assertThat(enums).as("the TASK_COMPLETED outcome and the summary's").hasSize(2);
        List<String> outcomes = Arrays.stream(TaskOutcome.values()).map(Enum::name).toList();
        assertThat(enums).allSatisfy(values -> assertThat(values).containsExactlyInAnyOrderElementsOf(outcomes));
    }

    @Test
    void everyEventTypeIsInTheSchemaAndExecuteAfterIsADateTimeOfRequestAccepted() throws Exception {
        JsonNode schema;
        try (InputStream in = AuditSchemaTests.class.getResourceAsStream("/schemas/audit-event.v1.json")) {
            schema = JsonMapper.builder().build().readTree(in);
        }
        List<String> types = new ArrayList<>();
        schema.path("properties").path("type").path("enum").forEach(value -> types.add(value.asString()));
        assertThat(types).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(AuditEventType.values()).map(Enum::name).toList());
        assertThat(AuditEventType.REQUEST_CANCELLED.isTerminal()).isTrue();
        JsonNode accepted = schema.path("allOf").valueStream()
                .filter(branch -> branch.path("if").path("properties").path("type").path("const").asString("")
                        .equals("REQUEST_ACCEPTED"))
                .findFirst().orElseThrow();
        assertThat(accepted.path("then").path("properties").path("executeAfter").path("format").asString())
                .isEqualTo("date-time");
    }

    private static void collectOutcomeEnums(JsonNode node, List<List<String>> enums) {
        if (node.isObject()) {
            JsonNode outcome = node.path("properties").path("outcome").path("enum");
            if (outcome.isArray()) {
                List<String> values = new ArrayList<>();
                outcome.forEach(value -> values.add(value.asString()));
                enums.add(values);
            }
            node.forEach(child -> collectOutcomeEnums(child, enums));
        } else if (node.isArray()) {
            node.forEach(child -> collectOutcomeEnums(child, enums));
        }
    }
}
