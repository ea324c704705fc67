package dev.lethe.testsupport;

import dev.lethe.LetheApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Workers of one deployment (one ledger, one application database, one set of topics and consumer group) as Spring
 * contexts in this JVM, configured as the integration tests configure the worker (profile {@code it}). A test starts
 * and stops them to restart a worker or run two at once, cheaper than worker processes where no crash is needed.
 * Datasource {@code flaky} points at a closed port: its resources stay down for good.
 */
public final class InProcessWorkers implements AutoCloseable {

    private final Map<String, String> settings = new LinkedHashMap<>();
    private final List<ConfigurableApplicationContext> running = new ArrayList<>();
    private final String appUrl;
    private final AuditLog audit;
    private final RequestSender requests;
    private final DefaultKafkaProducerFactory<byte[], byte[]> producers;

    /** @param overrides settings beyond the test configuration, such as {@code lethe.compliance.deadline} */
    public InProcessWorkers(Map<String, String> overrides) {
        String id = "lethe_workers_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        PostgresServer postgres = TestInfrastructure.postgres();
        String servers = TestInfrastructure.kafka().getBrokersAsString();
        String topicPrefix = id.replace('_', '-');
        appUrl = TestInfrastructure.createAppDatabase(id + "_app");
        settings.put("spring.profiles.active", "it");
        settings.put("server.port", "0");
        settings.put("spring.datasource.url", postgres.createDatabase(id + "_ledger"));
        settings.put("spring.datasource.username", postgres.user());
        settings.put("spring.datasource.password", postgres.password());
        settings.put("spring.datasource.hikari.maximum-pool-size", "4");
        settings.put("lethe.datasources.app.url", appUrl);
        settings.put("lethe.datasources.app.username", postgres.user());
        settings.put("lethe.datasources.app.password", postgres.password());
        settings.put("lethe.datasources.app.maximum-pool-size", "3");
        settings.put("lethe.datasources.flaky.url", "jdbc:postgresql://127.0.0.1:" + closedPort() + "/down");
        settings.put("spring.kafka.bootstrap-servers", servers);
        settings.put("spring.kafka.consumer.group-id", topicPrefix + "-worker");
        settings.put("lethe.topics.requests", topicPrefix + ".requests");
        settings.put("lethe.topics.dead-letter", topicPrefix + ".requests.DLT");
        settings.put("lethe.topics.audit", topicPrefix + ".audit");
        settings.putAll(overrides);
        audit = new AuditLog(servers, topicPrefix + ".audit");
        producers = new DefaultKafkaProducerFactory<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
        requests = new RequestSender(new KafkaTemplate<>(producers), topicPrefix + ".requests");
    }

    /** Starts one more worker of the deployment and returns it once started. */
    public ConfigurableApplicationContext start() {
        String[] args = settings.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        ConfigurableApplicationContext worker = new SpringApplicationBuilder(LetheApplication.class).run(args);
        synchronized (this) {
            running.add(worker);
        }
        TestInfrastructure.register(worker);
        return worker;
    }

    /** Shuts a worker down as an operator's restart does (SIGTERM): it finishes what it holds and exits. */
    public synchronized void stop(ConfigurableApplicationContext worker) {
        running.remove(worker);
        worker.close();
    }

    public AuditLog audit() {
        return audit;
    }

    public RequestSender requests() {
        return requests;
    }

    /** The deployment's application database, for checks. */
    public AppDatabase app() {
        PostgresServer postgres = TestInfrastructure.postgres();
        return new AppDatabase(org.springframework.boot.jdbc.DataSourceBuilder.create().url(appUrl)
                .username(postgres.user()).password(postgres.password()).build());
    }

    @Override
    public synchronized void close() {
        running.forEach(ConfigurableApplicationContext::close);
        running.clear();
        audit.close();
        producers.destroy();
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
