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

    /** The first event of a request's run: it was accepted or rejected before anything else was written for it. */
    public boolean opensARun() {
        return this == REQUEST_ACCEPTED || this == REQUEST_REJECTED;
    }

    public boolean isTerminal() {
        return this == REQUEST_COMPLETED || this == REQUEST_FAILED || this == REQUEST_REJECTED || this == REQUEST_CANCELLED;
    }
}
