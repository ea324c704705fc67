package dev.lethe.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Points one test context at the shared broker and server, with its own ledger and application databases and its
 * own topics and consumer group, so cached contexts never take each other's records.
 */
public class TestInfrastructureInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static final AtomicInteger CONTEXTS = new AtomicInteger();

    @Override
    public void initialize(ConfigurableApplicationContext context) {
TestInfrastructure.register(context);
        String id = "lethe_it_" + ProcessHandle.current().pid() + "_" + CONTEXTS.incrementAndGet();
        PostgresServer postgres = TestInfrastructure.postgres();
        String ledgerUrl = postgres.createDatabase(id + "_ledger");
        String appUrl = TestInfrastructure.createAppDatabase(id + "_app");
        // Datasource "flaky" reaches the same application database through a proxy tests can cut.
        TcpProxy proxy = new TcpProxy(postgres.address().getHost(), postgres.address().getPort());
        context.getBeanFactory().registerSingleton("flakyBackend", new FlakyBackend(proxy));
        context.addApplicationListener(event -> {
            if (event instanceof org.springframework.context.event.ContextClosedEvent) {
                proxy.close();
            }
        });
        String flakyUrl = "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + id + "_app";
        String topicPrefix = id.replace('_', '-');
        TestPropertyValues.of(
                "spring.datasource.url=" + ledgerUrl,
                "spring.datasource.username=" + postgres.user(),
                "spring.datasource.password=" + postgres.password(),
                "lethe.datasources.app.url=" + appUrl,
                "lethe.datasources.app.username=" + postgres.user(),
                "lethe.datasources.app.password=" + postgres.password(),
                "lethe.datasources.flaky.url=" + flakyUrl,
                "lethe.datasources.flaky.username=" + postgres.user(),
                "lethe.datasources.flaky.password=" + postgres.password(),
                "spring.kafka.bootstrap-servers=" + TestInfrastructure.kafka().getBrokersAsString(),
                "spring.kafka.consumer.group-id=" + topicPrefix + "-worker",
                "lethe.topics.requests=" + topicPrefix + ".requests",
                "lethe.topics.dead-letter=" + topicPrefix + ".requests.DLT",
                "lethe.topics.audit=" + topicPrefix + ".audit")
                .applyTo(context);
    }

    static String resource(String path) {
        try (InputStream in = TestInfrastructureInitializer.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
