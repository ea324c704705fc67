package dev.lethe.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lethe.cli.AuditChainCommands;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One fault test's world: its own ledger and application databases (each reached through a {@link TcpProxy} the test
 * can cut), its own topics and consumer group on a real broker, subjects with rows in the five jdbc resources of the
 * demo configuration, and the checks every fault test ends with.
 */
public final class FaultEnvironment implements AutoCloseable {

    private static final List<String> TABLES = List.of("chat_messages", "chats", "posts", "sessions", "users");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String id = "fault_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private final String brokers;
    private final TcpProxy ledgerProxy;
    private final TcpProxy appProxy;
    private final JdbcClient ledger;
    private final JdbcClient app;
    private final AuditLog audit;
    private final DeadLetterLog deadLetters;
    private final KafkaProducer<byte[], byte[]> producer;
    private final List<WorkerProcess> workers = new ArrayList<>();
    private int nextUser = 1;

    public FaultEnvironment(String brokers) {
        this.brokers = brokers;
        PostgresServer postgres = TestInfrastructure.postgres();
        String ledgerUrl = postgres.createDatabase(id + "_ledger");
        String appUrl = postgres.createDatabase(id + "_app");
        postgres.execute(appUrl, TestInfrastructureInitializer.resource("/demo/app-schema.sql"));
        this.ledgerProxy = new TcpProxy(postgres.address().getHost(), postgres.address().getPort());
        this.appProxy = new TcpProxy(postgres.address().getHost(), postgres.address().getPort());
        this.ledger = JdbcClient.create(dataSource(ledgerUrl, postgres));
        this.app = JdbcClient.create(dataSource(appUrl, postgres));
        this.audit = new AuditLog(brokers, topic("audit"));
        this.deadLetters = new DeadLetterLog(brokers, topic("requests.DLT"));
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Starts a worker on this environment's databases (through their proxies) and topics. */
    public WorkerProcess startWorker(String name, String... jvmOptions) {
        PostgresServer postgres = TestInfrastructure.postgres();
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("spring.profiles.active", "demo");
        settings.put("spring.datasource.url", "jdbc:postgresql://127.0.0.1:" + ledgerProxy.port() + "/" + id + "_ledger");
        settings.put("spring.datasource.username", postgres.user());
        settings.put("spring.datasource.hikari.connection-timeout", "2000");
        // Two workers, the test contexts and the checks share one PostgreSQL with max_connections = 100.
        settings.put("spring.datasource.hikari.maximum-pool-size", "10");
        settings.put("lethe.tasks.concurrency", "6");
        settings.put("lethe.datasources.app.maximum-pool-size", "6");
        settings.put("lethe.datasources.app.url", "jdbc:postgresql://127.0.0.1:" + appProxy.port() + "/" + id + "_app");
        settings.put("lethe.datasources.app.username", postgres.user());
        settings.put("lethe.datasources.app.connection-timeout", "1s");
        // The directory that says who is protected stays reachable when the application database goes down.
        settings.put("lethe.datasources.directory.url", "jdbc:postgresql://" + postgres.address().getHost() + ":"
                + postgres.address().getPort() + "/" + id + "_app");
        settings.put("lethe.datasources.directory.username", postgres.user());
        settings.put("lethe.datasources.directory.maximum-pool-size", "2");
        settings.put("lethe.protection.datasource", "directory");
        settings.put("spring.kafka.bootstrap-servers", brokers);
        settings.put("spring.kafka.consumer.group-id", id + "-worker");
        settings.put("lethe.topics.requests", topic("requests"));
        settings.put("lethe.topics.dead-letter", topic("requests.DLT"));
        settings.put("lethe.topics.audit", topic("audit"));
        // The lease settings are the defaults: the kill tests show that a dead worker's tasks are taken over well
        // before a lease would have expired under the old fixed-lease model.
        settings.put("lethe.tasks.poll-interval", "200ms");
        settings.put("lethe.tasks.initial-backoff", "500ms");
        settings.put("lethe.tasks.max-backoff", "2s");
        settings.put("lethe.tasks.max-attempts", "1000");
        settings.put("lethe.tasks.shutdown-timeout", "20s");
        settings.put("lethe.resilience.breaker-open-wait", "1s");
        settings.put("logging.level.dev.lethe", "INFO");
        // Per-request lines are DEBUG (a bulk erasure would log every request); the tests read who completed what.
        settings.put("logging.level.dev.lethe.ledger.RequestEnding", "DEBUG");
        WorkerProcess worker = WorkerProcess.start(name, settings, List.of(jvmOptions));
        workers.add(worker);
        return worker;
    }

    /** Seeds {@code count} users with rows in the five tables and sends a HARD request for each; returns the ids. */
    public List<String> sendRequests(int count) {
        List<String> requestIds = new ArrayList<>();
        int first = nextUser;
        seedUsers(first, count);
        for (int user = first; user < first + count; user++) {
            String requestId = id + "-" + user;
            String value = "{\"requestId\":\"" + requestId + "\",\"subject\":{\"type\":\"user\",\"id\":\"" + user + "\"}}";
            producer.send(new ProducerRecord<>(topic("requests"), Integer.toString(user).getBytes(StandardCharsets.UTF_8),
                    value.getBytes(StandardCharsets.UTF_8)));
            requestIds.add(requestId);
        }
        producer.flush();
        nextUser += count;
        return requestIds;
    }

    /** Users nobody asked to erase, whose rows must survive every fault. */
    public void seedBystanders(int count) {
        seedUsers(1_000_000, count);
    }

    public long terminalEvents(List<String> requestIds) {
        Set<String> ids = Set.copyOf(requestIds);
        return audit.all().stream().filter(AuditLog::isTerminal)
                .map(event -> event.path("requestId").asString()).filter(ids::contains).distinct().count();
    }

    public void awaitTerminalEvents(List<String> requestIds, Duration within) {
        await().atMost(within).pollInterval(Duration.ofMillis(500)).until(() -> terminalEvents(requestIds) == requestIds.size());
    }

    /**
     * The checks of every fault test: each request has exactly one terminal event, REQUEST_COMPLETED, with a single
     * eventId (re-publications are byte-identical); no event was written under two different contents; the users'
     * rows are gone and the bystanders' are all there; the ledger says the same.
     */
    public void assertEveryRequestCompletedExactlyOnce(List<String> requestIds, int bystanders) {
        Map<String, List<JsonNode>> terminals = new HashMap<>();
        Map<String, String> payloadByEventId = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : audit.rawRecords()) {
            String payload = new String(record.value(), StandardCharsets.UTF_8);
            JsonNode event = JSON.readTree(payload);
            String previous = payloadByEventId.putIfAbsent(event.path("eventId").asString(), payload);
            assertThat(previous == null || previous.equals(payload)).as("re-publication of %s is identical", payload).isTrue();
            if (AuditLog.isTerminal(event)) {
                terminals.computeIfAbsent(event.path("requestId").asString(), k -> new ArrayList<>()).add(event);
            }
        }
        assertThat(terminals.keySet()).containsAll(requestIds);
        for (String requestId : requestIds) {
            List<JsonNode> events = terminals.get(requestId);
            assertThat(events.stream().map(e -> e.path("eventId").asString()).distinct())
                    .as("distinct terminal eventIds of %s", requestId).hasSize(1);
            assertThat(events.get(0).path("type").asString()).as("terminal type of %s", requestId).isEqualTo("REQUEST_COMPLETED");
        }
        for (String table : TABLES) {
            String column = table.equals("users") ? "id" : "user_id";
            long left = app.sql("select count(*) from " + table + " where " + column + " < 1000000").query(Long.class).single();
            long bystanderRows = app.sql("select count(*) from " + table + " where " + column + " >= 1000000").query(Long.class).single();
            assertThat(left).as("rows of erased users left in %s", table).isZero();
            assertThat(bystanderRows).as("bystander rows in %s", table).isEqualTo(expectedRowsPerUser(table) * bystanders);
        }
        long completed = ledger.sql("select count(*) from deletion_request where status = 'COMPLETED' and request_id in (:ids)")
                .param("ids", requestIds).query(Long.class).single();
        long openTasks = ledger.sql("select count(*) from deletion_task where status <> 'COMPLETED'").query(Long.class).single();
        assertThat(completed).as("requests COMPLETED in the ledger").isEqualTo(requestIds.size());
        assertThat(openTasks).as("tasks not COMPLETED in the ledger").isZero();
        assertThat(deadLetters.records()).as("dead-letter records").isEmpty();
        AuditChainCommands.Run verified = AuditChainCommands.verify(brokers, topic("audit"));
        assertThat(verified.exitCode()).as("lethe audit verify on the trail: %s%s", verified.out(), verified.err()).isZero();
        assertThat(verified.out()).contains("every chain holds");
    }

    public long runningTasks() {
        return ledger.sql("select count(*) from deletion_task where status = 'RUNNING'").query(Long.class).single();
    }

    public long parkedTasks() {
        return ledger.sql("select count(*) from deletion_task where status = 'PENDING' and last_error is not null")
                .query(Long.class).single();
    }

    public TcpProxy ledgerProxy() {
        return ledgerProxy;
    }

    public TcpProxy appProxy() {
        return appProxy;
    }

    public String consumerGroup() {
        return id + "-worker";
    }

    public String topic(String name) {
        return id.replace('_', '-') + "." + name;
    }

    @Override
    public void close() {
        workers.forEach(WorkerProcess::close);
        producer.close(Duration.ofSeconds(5));
        audit.close();
        deadLetters.close();
        ledgerProxy.close();
        appProxy.close();
    }

    private void seedUsers(int first, int count) {
        for (String sql : List.of(
                "insert into users (id, email) select id, 'user' || id || '@example.com' from generate_series(:first, :last) id",
                "insert into chats (user_id, title) select id, 'chat' from generate_series(:first, :last) id, generate_series(1, 2)",
                "insert into chat_messages (chat_id, user_id, body) select c.id, c.user_id, 'hi' from chats c, generate_series(1, 3)"
                        + " where c.user_id between :first and :last",
                "insert into posts (user_id, body) select id, 'post' from generate_series(:first, :last) id, generate_series(1, 2)",
                "insert into sessions (user_id, token) select id, 'token' from generate_series(:first, :last) id")) {
            app.sql(sql).param("first", first).param("last", first + count - 1).update();
        }
    }

    private static long expectedRowsPerUser(String table) {
        return switch (table) {
            case "chat_messages" -> 6;
            case "chats", "posts" -> 2;
            default -> 1;
        };
    }

    /** Unpooled: the test's own checks are few, and every pooled connection counts against max_connections. */
    private static DataSource dataSource(String url, PostgresServer postgres) {
        return new SimpleDriverDataSource(new org.postgresql.Driver(), url, postgres.user(), postgres.password());
    }

}
