package dev.lethe.ledger;

/** What recording a request in the ledger did. */
public enum IntakeResult {
    /** New, or a failed request that will run again: it is now RECEIVED. */
    RECORDED,
    /** The id is known and not failed: nothing to do (contract guarantee 3). */
    DUPLICATE,
    /** The id is known for another subject, or for a failed request that asked for something else: not executed. */
    CONFLICT
}
