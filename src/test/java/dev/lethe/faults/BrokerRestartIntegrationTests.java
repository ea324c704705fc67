package dev.lethe.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lethe.testsupport.FaultEnvironment;
import dev.lethe.testsupport.KafkaBrokerProcess;
import dev.lethe.testsupport.WorkerProcess;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Kafka broker is killed with SIGKILL in the middle of the work and started again: the worker reports Kafka down,
 * reconnects, and every request still ends exactly once.
 */
class BrokerRestartIntegrationTests {

    @Test
    void theWorkerReconnectsAfterTheBrokerIsKilledAndRestarted() {
        try (KafkaBrokerProcess broker = KafkaBrokerProcess.start();
                FaultEnvironment env = new FaultEnvironment(broker.bootstrapServers())) {
            env.seedBystanders(20);
            WorkerProcess worker = env.startWorker("broker-restart").awaitHealthy();
            List<String> requests = env.sendRequests(200);
            await().atMost(Duration.ofMinutes(2)).until(() -> env.terminalEvents(requests) >= 40);

            broker.kill9();
            await().atMost(Duration.ofSeconds(60)).until(() -> worker.healthStatus() == 503);
            broker.restart();

            await().atMost(Duration.ofSeconds(90)).until(() -> worker.healthStatus() == 200);
            env.awaitTerminalEvents(requests, Duration.ofMinutes(3));
            env.assertEveryRequestCompletedExactlyOnce(requests, 20);
            assertThat(worker.isAlive()).isTrue();
        }
    }
}
