package dev.lethe.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lethe.testsupport.FaultEnvironment;
import dev.lethe.testsupport.TestInfrastructure;
import dev.lethe.testsupport.WorkerProcess;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Contract guarantees 1-5 under faults, with the worker as a real process: killed with SIGKILL at each moment that
 * matters, stopped with SIGTERM, two of them sharing the load while one dies, its ledger database made unreachable,
 * a backend down across a restart. Each test sends at least 200 requests and ends with the same checks: exactly one
 * terminal event per request (one eventId, re-publications identical), exactly the right rows left, the ledger agrees.
 */
class FaultInjectionIntegrationTests {

    private static final int REQUESTS = 200;
    private static final int BYSTANDERS = 20;
    private static final Duration ALL_DONE = Duration.ofMinutes(3);
    /**
     * After a worker is killed, what it held completes within this of the restart (or of the kill, where another
     * worker notices). The default lease is 20 s, renewed by a heartbeat every 4 s; before heartbeats it was 5 minutes.
     */
    private static final Duration TAKEN_OVER = Duration.ofSeconds(60);

    private FaultEnvironment env;

    @BeforeEach
    void createEnvironment() {
        env = new FaultEnvironment(TestInfrastructure.kafka().getBrokersAsString());
        env.seedBystanders(BYSTANDERS);
    }

    @AfterEach
    void closeEnvironment() {
        if (env != null) {
            env.close();
        }
    }

    @ParameterizedTest(name = "kill at {0}")
    @CsvSource({
            "INTAKE_BEFORE_LEDGER_COMMIT, 1",
            "INTAKE_AFTER_LEDGER_COMMIT, 1",
            "PLANNING_AFTER_COMMIT, 1",
            "TASK_AFTER_CLEANER_CALL, 10",
            "RELAY_AFTER_BROKER_ACK, 3"})
    void aWorkerKilledAtAnyMomentLosesNothingAndDoesNothingTwice(CrashPoint point, int hits) {
        WorkerProcess crashing = env.startWorker("crash-" + point, "-Dlethe.crash-at=" + point, "-Dlethe.crash-after=" + hits)
                .awaitHealthy();
        List<String> requests = env.sendRequests(REQUESTS);

        assertThat(crashing.awaitExit(Duration.ofMinutes(2))).as("halted at %s; log %s", point, crashing.log())
                .isEqualTo(CrashPoints.HALT_STATUS);
        if (point == CrashPoint.TASK_AFTER_CLEANER_CALL) {
            assertThat(env.runningTasks()).as("tasks the dead worker held under its lease").isPositive();
        }
        env.startWorker("after-crash-" + point);

        env.awaitTerminalEvents(requests, TAKEN_OVER);
        env.assertEveryRequestCompletedExactlyOnce(requests, BYSTANDERS);
    }

    @Test
    void tasksParkedWhileABackendIsDownResumeAfterARestart() {
        env.appProxy().cut();
        WorkerProcess first = env.startWorker("backend-down").awaitHealthy();
        List<String> requests = env.sendRequests(REQUESTS);
        await().atMost(Duration.ofMinutes(1)).until(() -> env.parkedTasks() >= REQUESTS);
        assertThat(env.terminalEvents(requests)).as("no request ends while its backend is down").isZero();

        first.kill9();
        env.appProxy().restore();
        env.startWorker("backend-back");

        env.awaitTerminalEvents(requests, TAKEN_OVER);
        env.assertEveryRequestCompletedExactlyOnce(requests, BYSTANDERS);
    }

    @Test
    void twoWorkersShareTheLoadAndOneDyingLosesNothing() throws Exception {
        WorkerProcess a = env.startWorker("scale-a").awaitHealthy();
        WorkerProcess b = env.startWorker("scale-b").awaitHealthy();
        List<String> requests = env.sendRequests(300);
        await().atMost(Duration.ofMinutes(2)).until(() -> env.terminalEvents(requests) >= 60);

        a.kill9();

        // b notices a's missed heartbeats: no restart is needed for a's tasks to move.
        env.awaitTerminalEvents(requests, TAKEN_OVER);
        env.assertEveryRequestCompletedExactlyOnce(requests, BYSTANDERS);
        assertThat(Files.readString(a.log())).as("worker a did part of the work").contains(" completed: ");
        assertThat(Files.readString(b.log())).as("worker b did part of the work").contains(" completed: ");
        String metrics = b.get("/actuator/prometheus");
        assertThat(metrics).contains("lethe_requests_total{", "outcome=\"COMPLETED\"", "lethe_tasks_total{",
                "resource=\"chat_messages\"", "lethe_tasks_pending", "lethe_tasks_oldest_pending_age_seconds",
                "resilience4j_circuitbreaker_state{");
        assertThat(metrics).as("no subject ids in metrics").doesNotContainPattern("\\b(user|id)=\"\\d+\"");
    }

    @Test
    void sigtermLetsRunningTasksFinishAndTheRestResumesElsewhere() {
        WorkerProcess first = env.startWorker("sigterm").awaitHealthy();
        List<String> requests = env.sendRequests(REQUESTS);
        await().atMost(Duration.ofMinutes(2)).until(() -> env.terminalEvents(requests) >= 30);

        first.terminate(Duration.ofSeconds(60));
        assertThat(env.runningTasks()).as("tasks left RUNNING by a worker that stopped cleanly").isZero();

        env.startWorker("after-sigterm").awaitHealthy();
        env.awaitTerminalEvents(requests, ALL_DONE);
        env.assertEveryRequestCompletedExactlyOnce(requests, BYSTANDERS);
    }

    @Test
    void aLedgerOutageStopsIntakeAndMakesTheWorkerUnhealthyUntilTheDatabaseIsBack() throws Exception {
        WorkerProcess worker = env.startWorker("ledger-outage").awaitHealthy();
        List<String> requests = new ArrayList<>(env.sendRequests(REQUESTS));
        await().atMost(Duration.ofMinutes(2)).until(() -> env.terminalEvents(requests) >= 20);

        env.ledgerProxy().cut();
        await().atMost(Duration.ofSeconds(60)).until(() -> worker.healthStatus() == 503);
        Map<TopicPartition, Long> committedAtOutage = committedOffsets();
        requests.addAll(env.sendRequests(100));
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10))
                .until(() -> committedOffsets().equals(committedAtOutage));

        env.ledgerProxy().restore();
        await().atMost(Duration.ofSeconds(60)).until(() -> worker.healthStatus() == 200);
        env.awaitTerminalEvents(requests, ALL_DONE);
        env.assertEveryRequestCompletedExactlyOnce(requests, BYSTANDERS);
    }

    private Map<TopicPartition, Long> committedOffsets() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.kafka().getBrokersAsString()))) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(env.consumerGroup())
                    .partitionsToOffsetAndMetadata().get();
            return offsets.entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
                    e -> e.getValue().offset()));
        }
    }
}
