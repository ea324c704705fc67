package dev.lethe.ledger;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Statuses written into SQL text as literals generated from the enums, so no statement spells a status itself.
 * Literals rather than bind parameters where a statement relies on a partial index of the migrations (PostgreSQL
 * uses a partial index only when it can prove the query's predicate implies the index's at plan time, which a bound
 * parameter never does). Safe to embed: an enum name is a Java identifier and cannot hold a quote.
 */
public final class StatusSql {

    private StatusSql() {
    }

    /** The status as a SQL string literal, the name in single quotes. */
    public static String literal(Enum<?> status) {
        return "'" + status.name() + "'";
    }

    /** {@code in ('A', 'B')}, in the enum's declaration order (the order the migrations' index predicates use). */
    public static <S extends Enum<S>> String in(Set<S> statuses) {
        if (statuses.isEmpty()) {
            throw new IllegalArgumentException("no status to test for");
        }
        return EnumSet.copyOf(statuses).stream().map(StatusSql::literal).collect(Collectors.joining(", ", "in (", ")"));
    }
}
