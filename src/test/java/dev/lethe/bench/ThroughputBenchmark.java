package dev.lethe.bench;

import java.util.ArrayList;
import java.util.List;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Lethe's figures in one run: end-to-end throughput and latency of one worker ({@code target/lethe.jar}, a separate
 * JVM) erasing users' rows in five tables of a real PostgreSQL, requests sent to a real broker, each timed from send
 * until its REQUEST_COMPLETED is read from the audit topic; the database's own ceiling for the same erasures; two
 * workers; recovery after a SIGKILL; optionally paced latency and the heap with a backlog. Each phase has its own
 * databases, topics and consumer group on one embedded broker. The figures are printed as one block at the end.
 *
 * <p>Run: {@code ./mvnw -Pbench -DskipTests verify} with, among others, {@code -Dbench.requests=N},
 * {@code -Dbench.twoWorkers=false}, {@code -Dbench.recovery=false}, {@code -Dbench.pacedRates=50,500},
 * {@code -Dbench.backlog=1000000} (see {@link BenchSettings}).
 */
public final class ThroughputBenchmark {

    private ThroughputBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchSettings settings = BenchSettings.fromSystemProperties();
        Report report = new Report(settings, Postgres.serverVersion());
        EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, BenchWorld.PARTITIONS);
        kafka.afterPropertiesSet();
        try {
            runPhases(kafka.getBrokersAsString(), settings, report);
        } finally {
            kafka.destroy();
        }
        report.print();
        System.exit(0); // the broker's and the Kafka clients' leftover threads would keep the JVM up
    }

    private static void runPhases(String brokers, BenchSettings settings, Report report) throws Exception {
        int requests = settings.requests();
        List<String> mainArguments = new ArrayList<>();
        MixedStores mixed = settings.mix() ? MixedStores.create(requests) : null;
        try {
            if (mixed != null) {
                mainArguments.addAll(mixed.workerArguments());
            }
            report.main(new TrafficPhase("main", 1, requests, settings.rate()).run(brokers, settings, mainArguments));
        } finally {
            if (mixed != null) {
                mixed.close();
            }
        }
        report.ceiling(DatabaseCeiling.measure(requests, settings.ceilingThreads()));
        if (settings.twoWorkers()) {
            report.twoWorkers(new TrafficPhase("two_workers", 2, requests, 0).run(brokers, settings, List.of()));
        }
        if (settings.recovery()) {
            report.recovery(new Recovery(settings.recoveryRequests()).run(brokers, settings));
        }
        for (int rate : settings.pacedRates()) {
            report.paced(rate, new TrafficPhase("paced_" + rate, 1, settings.pacedRequests(rate), rate)
                    .run(brokers, settings, List.of()));
        }
        if (settings.backlog() > 0) {
            report.backlog(new Backlog(settings.backlog(), settings.backlogSeconds()).run(brokers, settings));
        }
    }
}
