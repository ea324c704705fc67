package dev.lethe.cli;

import dev.lethe.deadletter.DeadLetterHeaders;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Prints what the demo's requests came to: per request its terminal event and what each resource did. */
final class DemoReport {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final PrintStream out;

    DemoReport(PrintStream out) {
        this.out = out;
    }

    void printRequests(List<DemoScenario.DemoRecord> sent, List<ConsumerRecord<byte[], byte[]>> auditRecords) {
        Map<String, List<JsonNode>> byRequest = new LinkedHashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : auditRecords) {
            JsonNode event = JSON.readTree(record.value());
            byRequest.computeIfAbsent(event.path("requestId").asString(), id -> new ArrayList<>()).add(event);
        }
        out.println();
        out.println("Requests");
        out.println("--------");
        java.util.Set<String> shown = new java.util.HashSet<>();
        for (DemoScenario.DemoRecord record : sent) {
            if (record.requestId() == null) {
                continue;
            }
            List<JsonNode> events = byRequest.getOrDefault(record.requestId(), List.of());
            out.printf("%-24s %s%n", record.requestId(), record.label());
            if (!shown.add(record.requestId())) {
                long distinct = events.stream().map(e -> e.path("eventId").asString()).distinct().count();
                out.printf("    ignored: the id already ended, nothing ran again (still %d distinct events)%n", distinct);
                continue;
            }
            printEvents(events);
        }
    }

    void printRowsLeft(javax.sql.DataSource app) throws java.sql.SQLException {
        out.println();
        out.println("Rows left in the sample database (soft-deleted in brackets)");
        out.println("-----------------------------------------------------------");
        out.printf("%-6s %-9s %-9s %-14s %-9s %-9s%n", "user", "users", "chats", "chat_messages", "posts", "sessions");
        String sql = """
                select u.id,
                  (select count(*) from users x where x.id = u.id), (select count(*) from users x where x.id = u.id and x.deleted_at is not null),
                  (select count(*) from chats x where x.user_id = u.id), (select count(*) from chats x where x.user_id = u.id and x.deleted_at is not null),
                  (select count(*) from chat_messages x where x.user_id = u.id), (select count(*) from chat_messages x where x.user_id = u.id and x.deleted_at is not null),
                  (select count(*) from posts x where x.user_id = u.id), (select count(*) from posts x where x.user_id = u.id and x.deleted_at is not null),
                  (select count(*) from sessions x where x.user_id = u.id), 0
                from (values (1), (1001), (1002), (1003), (1004), (1005), (1006)) as u(id) order by u.id
                """;
        try (var connection = app.getConnection(); var rows = connection.createStatement().executeQuery(sql)) {
            while (rows.next()) {
                out.printf("%-6d", rows.getLong(1));
                for (int column = 2; column <= 10; column += 2) {
                    String cell = rows.getLong(column) + (rows.getLong(column + 1) > 0 ? " (" + rows.getLong(column + 1) + ")" : "");
                    out.printf(" %-" + (column == 6 ? 14 : 9) + "s", cell);
                }
                out.println();
            }
        }
    }

    private void printEvents(List<JsonNode> events) {
        JsonNode terminal = events.stream().filter(e -> e.path("type").asString().matches("REQUEST_(COMPLETED|FAILED|REJECTED|CANCELLED)"))
                .reduce((first, second) -> second).orElse(null);
        if (terminal == null) {
            out.println("    (no terminal event yet)");
            return;
        }
        String extra = terminal.has("reason") ? " (" + terminal.path("reason").asString() + ")" : "";
        long terminals = events.stream().filter(e -> e.path("type").asString().equals(terminal.path("type").asString())).count();
        out.printf("    %s%s  subjectRef %s…, %d events%s%n", terminal.path("type").asString(), extra,
                terminal.path("subjectRef").asString().substring(0, 12), events.size(),
                terminals > 1 ? " (" + terminals + " copies of the terminal event, one eventId)" : "");
        terminal.path("summary").path("resources").properties().forEach(entry -> out.printf("      %-15s %-14s %d%n",
                entry.getKey(), entry.getValue().path("outcome").asString(), entry.getValue().path("items").asLong()));
    }

    void printDeadLetters(List<ConsumerRecord<byte[], byte[]>> deadLetters) {
        out.println();
        out.println("Dead-letter records");
        out.println("-------------------");
        for (ConsumerRecord<byte[], byte[]> record : deadLetters) {
            out.printf("%-20s %s%n", header(record, DeadLetterHeaders.ERROR), header(record, DeadLetterHeaders.ERROR_DETAIL));
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }
}
