package dev.lethe.ledger;

/**
 * A status column of the ledger, as an enum that holds the one table of its allowed transitions. {@link StatusMove}
 * asks it before any SQL that writes the column is built.
 */
public interface LedgerStatus<S extends Enum<S> & LedgerStatus<S>> {

    /** Whether a row in this status may be moved to {@code next}. */
    boolean canMoveTo(S next);

    /** Whether a row may be created in this status. */
    boolean canStartIn();
}
