package dev.lethe.audit;

/** The {@code type} of an audit event. */
public enum AuditEventType {
    REQUEST_ACCEPTED,
    REQUEST_REJECTED,
    TASK_COMPLETED,
    TASK_FAILED,
    REQUEST_COMPLETED,
    REQUEST_FAILED,
    /** Terminal: a cancel record arrived before any task of the request started; nothing was erased. */
    REQUEST_CANCELLED,
    /** A request still open when it was due (not terminal: it goes on, and ends with one of the terminal events). */
    REQUEST_OVERDUE;

    public boolean isTerminal() {
        return this == REQUEST_COMPLETED || this == REQUEST_FAILED || this == REQUEST_REJECTED || this == REQUEST_CANCELLED;
    }
}
