package dev.lethe.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.GroupState;

/**
 * One phase's world: its own ledger and app database and its own topics and consumer group on the shared broker,
 * so that no phase sees another's requests, and the workers started in it. Closing it stops the workers and drops
 * the databases (unless {@code bench.keepDatabases}).
 */
final class BenchWorld implements AutoCloseable {

    /** Partitions of the requests topic, as the worker would create it (lethe.topics.partitions). */
    static final int PARTITIONS = 6;

    final String brokers;
    final String requestsTopic;
    final String auditTopic;
    private final String deadLetterTopic;
    private final String group;
    private final String ledger;
    private final String app;
    private final BenchSettings settings;
    private final List<WorkerProcess> workers = new ArrayList<>();

    private BenchWorld(String phase, String brokers, BenchSettings settings) {
        String suffix = phase + "_" + ProcessHandle.current().pid();
        this.brokers = brokers;
        this.settings = settings;
        this.requestsTopic = "bench." + phase + ".requests";
        this.auditTopic = "bench." + phase + ".audit";
        this.deadLetterTopic = "bench." + phase + ".requests.DLT";
        this.group = "lethe-bench-" + phase;
        this.ledger = "lethe_bench_ledger_" + suffix;
        this.app = "lethe_bench_app_" + suffix;
    }

    /** Creates the phase's ledger and an app database seeded with {@code users} users. */
    static BenchWorld create(String phase, String brokers, BenchSettings settings, int users) throws Exception {
        BenchWorld world = new BenchWorld(phase, brokers, settings);
        Postgres.create(world.ledger);
        Postgres.createAppDatabase(world.app, users);
        if (!settings.appSynchronousCommit()) {
            // Isolates Lethe's own capacity from the sample database's fsync latency (each cleaner call commits there).
            Postgres.execute(world.app, "alter database " + world.app + " set synchronous_commit = off");
        }
        return world;
    }

    /** Starts a worker on this world's databases, topics and group. */
    WorkerProcess startWorker(List<String> extraArguments) throws Exception {
        List<String> arguments = new ArrayList<>(List.of(
                "--spring.datasource.url=" + Postgres.url(ledger), "--spring.datasource.username=" + Postgres.USER,
                "--lethe.datasources.app.url=" + Postgres.url(app), "--lethe.datasources.app.username=" + Postgres.USER,
                "--spring.kafka.bootstrap-servers=" + brokers,
                "--lethe.topics.requests=" + requestsTopic, "--lethe.topics.audit=" + auditTopic,
                "--lethe.topics.dead-letter=" + deadLetterTopic, "--spring.kafka.consumer.group-id=" + group));
        arguments.addAll(extraArguments);
        WorkerProcess worker = WorkerProcess.start(settings.workerHeap(), arguments);
        workers.add(worker);
        return worker;
    }

    /** The requests topic made in advance, for requests produced before any worker runs. */
    void createRequestsTopic() throws ExecutionException, InterruptedException {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(requestsTopic, PARTITIONS, (short) 1))).all().get();
        }
    }

    /**
     * Waits until the consumer group is stable with this many members, so that a timed phase does not start in the
     * middle of a rebalance.
     */
    void awaitGroupMembers(int members, Duration limit) throws Exception {
        try (Admin admin = admin()) {
            if (Waits.until(limit, Duration.ofMillis(200), () -> stableWith(admin, members))) {
                return;
            }
        }
        throw new IllegalStateException("consumer group " + group + " did not reach " + members + " stable members");
    }

    private boolean stableWith(Admin admin, int members) throws Exception {
        try {
            ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).all()
                    .get(10, TimeUnit.SECONDS).get(group);
            return description.groupState() == GroupState.STABLE && description.members().size() == members;
        } catch (ExecutionException notThereYet) {
            return false; // the group does not exist before the first member joined
        }
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers));
    }

    @Override
    public void close() throws Exception {
        for (WorkerProcess worker : workers) {
            worker.close();
        }
        if (settings.keepDatabases()) {
            System.out.println("kept databases " + ledger + " and " + app);
        } else {
            Postgres.drop(ledger);
            Postgres.drop(app);
        }
    }
}
