package dev.lethe.testsupport;

import java.util.ArrayList;
import java.util.List;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The real infrastructure the integration tests share, started once per JVM: a Kafka broker (in-process KRaft)
 * and a PostgreSQL server (see {@link PostgresServer}). Test contexts keep apart by their own topics and databases.
 */
public final class TestInfrastructure {

    private static final int PARTITIONS = 6;

    private static EmbeddedKafkaBroker kafka;
    private static PostgresServer postgres;
    private static final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

    private TestInfrastructure() {
    }

    public static synchronized EmbeddedKafkaBroker kafka() {
        if (kafka == null) {
            EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, PARTITIONS);
            broker.brokerProperty("group.initial.rebalance.delay.ms", "0");
            broker.afterPropertiesSet();
            kafka = broker;
        }
        return kafka;
    }

    public static synchronized PostgresServer postgres() {
        if (postgres == null) {
            postgres = PostgresServer.choose();
        }
        return postgres;
    }

    /** A new application database with the sample and integration-test tables; returns its JDBC URL. */
    public static String createAppDatabase(String name) {
        String url = postgres().createDatabase(name);
        postgres().execute(url, TestInfrastructureInitializer.resource("/demo/app-schema.sql"));
        postgres().execute(url, TestInfrastructureInitializer.resource("/it-schema.sql"));
        return url;
    }

    static synchronized void register(ConfigurableApplicationContext context) {
        contexts.add(context);
    }

    /**
     * Tears down in dependency order once every test ran: the workers (Spring contexts) first, so none of them
     * spins against a broker or database that is gone, then the broker, then the test databases.
     */
    static synchronized void shutdown() {
        contexts.forEach(ConfigurableApplicationContext::close);
        contexts.clear();
        if (kafka != null) {
            kafka.destroy();
            kafka = null;
        }
        if (postgres != null) {
            postgres.dropCreatedDatabases();
        }
    }
}
