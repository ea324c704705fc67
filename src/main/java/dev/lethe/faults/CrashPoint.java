package dev.lethe.faults;

/**
 * Moments at which the fault-injection tests crash the worker (see {@link CrashPoints}), one per window in which a
 * crash could lose or duplicate work if the design were wrong.
 */
public enum CrashPoint {
    /** Records read from Kafka, not yet in the ledger (their offsets are not committed either). */
    INTAKE_BEFORE_LEDGER_COMMIT,
    /** Requests durable in the ledger, offsets not yet committed: the records will be read again. */
    INTAKE_AFTER_LEDGER_COMMIT,
    /** Requests planned and committed, no task run yet. */
    PLANNING_AFTER_COMMIT,
    /** A cleaner call changed the backend, its result is not recorded: the task runs again after its lease. */
    TASK_AFTER_CLEANER_CALL,
    /** Outbox records acknowledged by the broker, not yet deleted: they are published again, same eventIds. */
    RELAY_AFTER_BROKER_ACK
}
