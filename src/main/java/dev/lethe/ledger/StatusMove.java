package dev.lethe.ledger;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * One change of a status column that a ledger statement makes: from any of {@code from} to {@code to}, or the status
 * a new row is written in when {@code from} is empty. It can only be built when the status enum's table allows every
 * part of it, and the statements are built from it, so a statement cannot move a status the table does not allow;
 * the ledger holds its moves as constants, so such a mistake fails at class initialisation, in the first test.
 */
public record StatusMove<S extends Enum<S> & LedgerStatus<S>>(Set<S> from, S to) {

    public StatusMove {
        EnumSet<S> sources = EnumSet.noneOf(to.getDeclaringClass());
        sources.addAll(from);
        from = Collections.unmodifiableSet(sources); // declaration order, for the SQL text
        if (sources.isEmpty() && !to.canStartIn()) {
            throw new IllegalArgumentException("a " + to.getDeclaringClass().getSimpleName() + " cannot start in " + to);
        }
        for (S source : sources) {
            if (!source.canMoveTo(to)) {
                throw new IllegalArgumentException("a " + to.getDeclaringClass().getSimpleName() + " cannot move from "
                        + source + " to " + to);
            }
        }
    }

    /** A row written in {@code to} when it is created. */
    public static <S extends Enum<S> & LedgerStatus<S>> StatusMove<S> start(S to) {
        return new StatusMove<>(Set.of(), to);
    }

    public static <S extends Enum<S> & LedgerStatus<S>> StatusMove<S> of(S from, S to) {
        return new StatusMove<>(Set.of(from), to);
    }

    public static <S extends Enum<S> & LedgerStatus<S>> StatusMove<S> of(Set<S> from, S to) {
        if (from.isEmpty()) {
            throw new IllegalArgumentException("a move needs a status to move from; use start(" + to + ")");
        }
        return new StatusMove<>(from, to);
    }

    /** {@code column = 'TO'}, for the set clause of an update. */
    public String set(String column) {
        return column + " = " + StatusSql.literal(to);
    }

    /** {@code column = 'FROM'} or {@code column in ('A', 'B')}: the rows this move may change. */
    public String where(String column) {
        if (from.isEmpty()) {
            throw new IllegalStateException("a new row has no status to move from");
        }
        return from.size() == 1 ? column + " = " + StatusSql.literal(from.iterator().next())
                : column + " " + StatusSql.in(from);
    }

    /**
     * {@link #where} for a statement that finds its rows by primary key: the status is compared as an expression no
     * partial index on it matches. The ledger's tables grow faster than their statistics; a plan that trusts an old
     * estimate of how few rows have a status scans that status's whole partial index (thousands of entries of rows
     * that have long moved on) instead of looking the batch's keys up.
     */
    public String whereByKey(String column) {
        return where("(" + column + " || '')");
    }

    @Override
    public String toString() {
        return (from.isEmpty() ? "new" : from.toString()) + " -> " + to;
    }
}
