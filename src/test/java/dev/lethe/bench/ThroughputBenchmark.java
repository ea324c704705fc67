package dev.lethe.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import static org.awaitility.Awaitility.await;

/**
 * End-to-end throughput: N requests for subjects with rows in five jdbc resources, sent to a real broker, erased in
 * a real PostgreSQL by the worker ({@code target/lethe.jar}, a separate JVM), timed from send until
 * REQUEST_COMPLETED is read from the audit topic. Prints requests/s, latency percentiles and the worker's peak heap.
 *
 * <p>Run: {@code ./mvnw -Pbench -DskipTests verify} (set {@code -Dbench.requests=N}, {@code -Dbench.workerHeap=512m},
 * {@code -Dbench.rate=R} to send R requests/s instead of all at once, {@code -Dbench.appSynchronousCommit=false}).
 */
public final class ThroughputBenchmark {

    private static final String REQUESTS = "lethe.deletion-requests";
    private static final String AUDIT = "lethe.deletion-audit";
    private static final String ADMIN_URL = System.getProperty("bench.postgres", "jdbc:postgresql://127.0.0.1:5432/postgres");
    private static final String USER = System.getProperty("bench.postgres.user", "postgres");

    private ThroughputBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int requests = Integer.getInteger("bench.requests", 10_000);
        String workerHeap = System.getProperty("bench.workerHeap", "512m");
        String suffix = Long.toString(ProcessHandle.current().pid());
        String ledger = "lethe_bench_ledger_" + suffix;
        String app = "lethe_bench_app_" + suffix;
        EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, 6);
        kafka.afterPropertiesSet();
        Process worker = null;
        MixedStores mixed = null;
        try {
            createDatabases(ledger, app, requests);
            List<String> extraArgs = new ArrayList<>();
            if (Boolean.getBoolean("bench.mix")) {
                mixed = MixedStores.create(requests);
                extraArgs.addAll(mixed.workerArguments());
            }
            worker = startWorker(kafka.getBrokersAsString(), url(ledger), url(app), workerHeap, extraArgs);
            try (HeapSampler heap = new HeapSampler(worker.pid())) {
                run(kafka.getBrokersAsString(), requests, heap, workerHeap);
            }
        } finally {
            if (worker != null) {
                worker.destroy();
                worker.waitFor(30, TimeUnit.SECONDS);
            }
            kafka.destroy();
            if (mixed != null) {
                mixed.close();
            }
            if (Boolean.getBoolean("bench.keepDatabases")) {
                System.out.println("kept databases " + ledger + " and " + app);
            } else {
                execute(ADMIN_URL, "drop database if exists " + ledger + " with (force)");
                execute(ADMIN_URL, "drop database if exists " + app + " with (force)");
            }
        }
    }

    private static void run(String brokers, int requests, HeapSampler heap, String workerHeap) throws Exception {
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        Map<String, Long> completedAt = new ConcurrentHashMap<>();
        try (KafkaProducer<byte[], byte[]> producer = producer(brokers);
                KafkaConsumer<byte[], byte[]> audit = auditConsumer(brokers)) {
            warmUp(producer, audit);
            // Completion times are taken by a reader running alongside the sender, as the events arrive.
            Thread reader = new Thread(() -> readCompletions(audit, sentAt, completedAt, requests), "audit-reader");
            reader.start();
            int rate = Integer.getInteger("bench.rate", 0);
            long start = System.nanoTime();
            for (int user = 1; user <= requests; user++) {
                if (rate > 0) {
                    // Open-loop pacing: request n leaves at start + n/rate, whatever the worker does.
                    LockSupport.parkNanos(start + (user - 1) * 1_000_000_000L / rate - System.nanoTime());
                }
                String requestId = "bench-" + user;
                String value = "{\"requestId\":\"" + requestId + "\",\"subject\":{\"type\":\"user\",\"id\":\"" + user + "\"}}";
                sentAt.put(requestId, System.nanoTime());
                producer.send(new ProducerRecord<>(REQUESTS, Integer.toString(user).getBytes(StandardCharsets.UTF_8),
                        value.getBytes(StandardCharsets.UTF_8)));
            }
            producer.flush();
            long sent = System.nanoTime();
            reader.join(Duration.ofMinutes(30).toMillis());
            long end = completedAt.values().stream().mapToLong(Long::longValue).max().orElse(sent);
            report(requests, start, sent, end, sentAt, completedAt, heap, workerHeap);
        }
    }

    private static void readCompletions(KafkaConsumer<byte[], byte[]> audit, Map<String, Long> sentAt,
            Map<String, Long> completedAt, int requests) {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(30));
        while (completedAt.size() < requests && Instant.now().isBefore(deadline)) {
            for (var record : audit.poll(Duration.ofMillis(100))) {
                long now = System.nanoTime();
                String event = new String(record.value(), StandardCharsets.UTF_8);
                String requestId = new String(record.key(), StandardCharsets.UTF_8);
                if (event.contains("\"type\":\"REQUEST_COMPLETED\"") && sentAt.containsKey(requestId)) {
                    completedAt.putIfAbsent(requestId, now);
                }
            }
        }
    }

    private static void report(int requests, long start, long sent, long end, Map<String, Long> sentAt,
            Map<String, Long> completedAt, HeapSampler heap, String workerHeap) {
        long[] latencies = completedAt.entrySet().stream()
                .mapToLong(e -> e.getValue() - sentAt.get(e.getKey())).sorted().toArray();
        double seconds = (end - start) / 1e9;
        System.out.println();
        System.out.println("Lethe end-to-end benchmark");
        System.out.printf("  machine            %d cores, %s, Java %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"), System.getProperty("java.version"));
        System.out.printf("  requests           %d (%s each, %d completed)%n", requests,
                Boolean.getBoolean("bench.mix") ? "5 jdbc + 1 redis (2 keys) + 1 filesystem (2 files) resources" : "5 jdbc resources", completedAt.size());
        int rate = Integer.getInteger("bench.rate", 0);
        System.out.printf("  offered load       %s%n", rate > 0 ? rate + " requests/s" : "all at once");
        System.out.printf("  sent in            %.1f s%n", (sent - start) / 1e9);
        System.out.printf("  all completed in   %.1f s%n", seconds);
        System.out.printf("  throughput         %.0f requests/s (send of the first until REQUEST_COMPLETED of the last)%n",
                completedAt.size() / seconds);
        System.out.printf("  latency p50        %d ms%n", percentile(latencies, 50));
        System.out.printf("  latency p99        %d ms%n", percentile(latencies, 99));
        System.out.printf("  latency max        %d ms%n", latencies.length == 0 ? 0 : latencies[latencies.length - 1] / 1_000_000);
        System.out.printf("  worker peak heap   %d MiB used (sampled every 50 ms; -Xmx%s)%n",
                heap.peakUsedBytes() / (1024 * 1024), workerHeap);
        if (completedAt.size() < requests) {
            System.out.println("  NOT ALL REQUESTS COMPLETED within the time limit");
        }
    }

    private static long percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1_000_000;
    }

    /** One request through the whole pipeline so that start-up and topic creation are not timed. */
    private static void warmUp(KafkaProducer<byte[], byte[]> producer, KafkaConsumer<byte[], byte[]> audit) throws Exception {
        // The worker creates the audit topic when it starts.
        await().atMost(Duration.ofMinutes(2)).until(() -> !audit.partitionsFor(AUDIT).isEmpty());
        var partitions = audit.partitionsFor(AUDIT);
        audit.assign(partitions.stream().map(p -> new TopicPartition(AUDIT, p.partition())).toList());
        audit.seekToBeginning(audit.assignment());
        String value = "{\"requestId\":\"warm-up\",\"subject\":{\"type\":\"user\",\"id\":\"0\"}}";
        producer.send(new ProducerRecord<>(REQUESTS, value.getBytes(StandardCharsets.UTF_8))).get();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        boolean done = false;
        while (!done && Instant.now().isBefore(deadline)) {
            for (var record : audit.poll(Duration.ofMillis(200))) {
                done |= new String(record.value(), StandardCharsets.UTF_8).contains("REQUEST_COMPLETED");
            }
        }
        if (!done) {
            throw new IllegalStateException("the worker did not complete a warm-up request within 2 minutes");
        }
    }

    private static Process startWorker(String brokers, String ledgerUrl, String appUrl, String heap,
            List<String> extraArgs) throws Exception {
        Path jar = Path.of("target", "lethe.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("build target/lethe.jar first (mvn package)");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx" + heap));
        String jvmArgs = System.getProperty("bench.workerJvmArgs", "");
        if (!jvmArgs.isBlank()) {
            command.addAll(Arrays.asList(jvmArgs.trim().split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toString(),
                "--spring.profiles.active=demo",
                "--spring.datasource.url=" + ledgerUrl, "--spring.datasource.username=" + USER,
                "--lethe.datasources.app.url=" + appUrl, "--lethe.datasources.app.username=" + USER,
                "--spring.kafka.bootstrap-servers=" + brokers, "--server.port=0"));
        command.addAll(extraArgs);
        String workerArgs = System.getProperty("bench.workerArgs", "");
        if (!workerArgs.isBlank()) {
            command.addAll(Arrays.asList(workerArgs.trim().split("\\s+")));
        }
        return new ProcessBuilder(command).inheritIO().start();
    }

    private static void createDatabases(String ledger, String app, int users) throws Exception {
        execute(ADMIN_URL, "create database " + ledger);
        execute(ADMIN_URL, "create database " + app);
        try (var in = ThroughputBenchmark.class.getResourceAsStream("/demo/app-schema.sql")) {
            execute(url(app), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        execute(url(app), """
                insert into users (id, email) select id, 'bench' || id || '@example.com' from generate_series(1, %d) id;
                insert into chats (user_id, title) select id, 'chat' from generate_series(1, %d) id;
                insert into chat_messages (chat_id, user_id, body) select id, user_id, 'hello' from chats, generate_series(1, 2);
                insert into posts (user_id, body) select id, 'post' from generate_series(1, %d) id;
                insert into sessions (user_id, token) select id, 'token' from generate_series(1, %d) id;
                analyze;
                """.formatted(users, users, users, users));
        if (!Boolean.parseBoolean(System.getProperty("bench.appSynchronousCommit", "true"))) {
            // Isolates Lethe's own capacity from the sample database's fsync latency (each cleaner call commits there).
            execute(ADMIN_URL, "alter database " + app + " set synchronous_commit = off");
        }
    }

    private static String url(String database) {
        return ADMIN_URL.replaceFirst("/[^/?]*(\\?|$)", "/" + database + "$1");
    }

    private static void execute(String url, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(url, USER, "");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static KafkaProducer<byte[], byte[]> producer(String brokers) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5), new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static KafkaConsumer<byte[], byte[]> auditConsumer(String brokers) {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.METADATA_MAX_AGE_CONFIG, 500),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

}
