package dev.lethe.tasks;

import java.lang.management.ManagementFactory;
import java.util.UUID;

/**
 * The name this worker process claims tasks under: readable for operators (host and pid), unique across restarts.
 *
 * @param name written to {@code deletion_task.lease_owner}
 */
record WorkerIdentity(String name) {

    static WorkerIdentity ofThisProcess() {
        String runtime = ManagementFactory.getRuntimeMXBean().getName();
        return new WorkerIdentity(runtime + "/" + UUID.randomUUID().toString().substring(0, 8));
    }
}
