package dev.lethe.cli;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import ch.qos.logback.classic.Level;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs the real worker on an in-process Kafka broker and an embedded PostgreSQL with sample data, sends one request
 * of each kind through Kafka, and prints what became of them.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the worker on embedded Kafka and PostgreSQL with sample data and print what it did.")
final class DemoCommand implements Callable<Integer> {

    /** The worker's application class, handed in by the entry point (the CLI does not depend on it). */
    private final Class<?> worker;

    DemoCommand(Class<?> worker) {
        this.worker = worker;
    }

    private static final String AUDIT_TOPIC = "lethe.deletion-audit";
    private static final String DEAD_LETTER_TOPIC = "lethe.deletion-requests.DLT";
    private static final String REQUESTS_TOPIC = "lethe.deletion-requests";

    @Option(names = "--timeout", defaultValue = "PT2M", description = "How long to wait for every request to end (default: ${DEFAULT-VALUE})")
    Duration timeout;

    @Override
    public Integer call() throws Exception {
        quietLibraryLogging();
        System.out.println("Starting an embedded PostgreSQL and an in-process Kafka broker...");
        try (DemoInfrastructure infrastructure = DemoInfrastructure.start();
                DemoStores stores = DemoStores.start(infrastructure.bootstrapServers())) {
            String brokers = infrastructure.bootstrapServers();
            stores.printWhatIsUsed(System.out);
            try (ConfigurableApplicationContext worker = startWorker(infrastructure, stores)) {
                List<DemoScenario.DemoRecord> records = DemoScenario.records();
                send(brokers, records);
                System.out.println("Sent " + records.size() + " records to " + REQUESTS_TOPIC + "; waiting for the worker...");
                Set<String> expected = records.stream().map(DemoScenario.DemoRecord::requestId).filter(Objects::nonNull)
                        .collect(Collectors.toSet());
                long malformed = records.stream().filter(r -> r.requestId() == null).count();
                List<ConsumerRecord<byte[], byte[]>> audit = TopicReader.readUntil(brokers, AUDIT_TOPIC,
                        read -> terminalRequestIds(read).containsAll(expected), timeout);
                List<ConsumerRecord<byte[], byte[]>> deadLetters = TopicReader.readUntil(brokers, DEAD_LETTER_TOPIC,
                        read -> read.size() >= malformed, timeout);
                DemoReport report = new DemoReport(System.out);
                report.printRequests(records, audit);
                report.printDeadLetters(deadLetters);
                report.printRowsLeft(infrastructure.appDatabase());
                stores.printWhatIsLeft(System.out);
                printWhereToLook(infrastructure);
                boolean complete = terminalRequestIds(audit).containsAll(expected) && deadLetters.size() >= malformed;
                if (!complete) {
                    System.out.println("Not every request ended within " + timeout + ".");
                }
                return complete ? 0 : 1;
            }
        }
    }

    /** The embedded broker and database log at INFO before Spring Boot's logging settings apply. */
    private static void quietLibraryLogging() {
        if (LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(Level.ERROR);
        }
    }

    private ConfigurableApplicationContext startWorker(DemoInfrastructure infrastructure, DemoStores stores) {
        System.out.println("Starting the worker...");
        // As command-line arguments: they take precedence over application.yml (builder properties would not).
        return new SpringApplicationBuilder(worker)
                .profiles("demo")
                .run(workerArguments(infrastructure, stores));
    }

    private static String[] workerArguments(DemoInfrastructure infrastructure, DemoStores stores) {
        List<String> args = new java.util.ArrayList<>(List.of(
                "--spring.datasource.url=" + infrastructure.jdbcUrl(DemoInfrastructure.LEDGER_DATABASE),
                "--spring.datasource.username=postgres",
                "--lethe.datasources.app.url=" + infrastructure.jdbcUrl(DemoInfrastructure.APP_DATABASE),
                "--lethe.datasources.app.username=postgres",
                "--spring.kafka.bootstrap-servers=" + infrastructure.bootstrapServers(),
                "--server.port=0"));
        args.addAll(stores.workerArguments());
        return args.toArray(String[]::new);
    }

    private static void send(String brokers, List<DemoScenario.DemoRecord> records) throws Exception {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers, ProducerConfig.ACKS_CONFIG, "all");
        try (var producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (DemoScenario.DemoRecord record : records) {
                producer.send(new ProducerRecord<>(REQUESTS_TOPIC, record.key().getBytes(StandardCharsets.UTF_8),
                        record.value().getBytes(StandardCharsets.UTF_8))).get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static Set<String> terminalRequestIds(List<ConsumerRecord<byte[], byte[]>> auditRecords) {
        return auditRecords.stream().map(record -> new String(record.value(), StandardCharsets.UTF_8))
                .filter(value -> value.matches(".*\"type\":\"REQUEST_(COMPLETED|FAILED|REJECTED|CANCELLED)\".*"))
                .map(value -> value.replaceFirst(".*\"requestId\":\"([^\"]+)\".*", "$1"))
                .collect(Collectors.toSet());
    }

    private static void printWhereToLook(DemoInfrastructure infrastructure) {
        System.out.println();
        System.out.println("Where to look (while a worker runs; this demo's broker and database stop when it exits):");
        System.out.println("  audit trail   topic " + AUDIT_TOPIC + " on " + infrastructure.bootstrapServers());
        System.out.println("  dead letters  topic " + DEAD_LETTER_TOPIC + " (headers lethe-error, lethe-error-detail)");
        System.out.println("  ledger        tables deletion_request, deletion_task in " + infrastructure.jdbcUrl(DemoInfrastructure.LEDGER_DATABASE));
        System.out.println("  sample data   " + infrastructure.jdbcUrl(DemoInfrastructure.APP_DATABASE));
    }
}
