package dev.lethe.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import dev.lethe.core.ComplianceProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The moves the ledger's statements are built from, read from its constants, are exactly the enums' tables: every
 * one is allowed, and the tables allow nothing that no statement does.
 */
class StatusMoveTests {

    private static final List<Class<?>> LEDGER = List.of(RequestLedger.class, TaskLedger.class, RequestCancellation.class);

    /** A pair of the table; {@code from} null for the status a row is created in. */
    private record Pair(Enum<?> from, Enum<?> to) {
    }

    @Test
    void theLedgerMovesRequestsExactlyAsTheirTableAllows() throws ReflectiveOperationException {
        assertThat(pairsUsedBy(RequestStatus.class)).isEqualTo(pairsAllowed(RequestStatus.values()));
    }

    @Test
    void theLedgerMovesTasksExactlyAsTheirTableAllows() throws ReflectiveOperationException {
        assertThat(pairsUsedBy(TaskStatus.class)).isEqualTo(pairsAllowed(TaskStatus.values()));
    }

    @Test
    void aDisallowedMoveCannotBeBuilt() {
        assertThatThrownBy(() -> StatusMove.of(TaskStatus.COMPLETED, TaskStatus.PENDING))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("a TaskStatus cannot move from COMPLETED to PENDING");
        assertThatThrownBy(() -> StatusMove.of(EnumSet.of(RequestStatus.FAILED, RequestStatus.REJECTED), RequestStatus.RECEIVED))
                .hasMessage("a RequestStatus cannot move from REJECTED to RECEIVED");
        assertThatThrownBy(() -> StatusMove.start(TaskStatus.FAILED)).hasMessage("a TaskStatus cannot start in FAILED");
        assertThatThrownBy(() -> StatusMove.of(EnumSet.noneOf(TaskStatus.class), TaskStatus.PENDING))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRequestEndsOnlyCompletedOrFailed() {
        RequestLedger ledger = new RequestLedger(null, null, new ComplianceProperties(Duration.ofDays(30)));
        assertThatThrownBy(() -> ledger.finishAll(List.of("r-1"), RequestStatus.REJECTED, Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rendersTheSqlOfAMoveFromTheEnumNames() {
        StatusMove<TaskStatus> retry = StatusMove.of(TaskStatus.RUNNING, TaskStatus.PENDING);
        assertThat(retry.set("status")).isEqualTo("status = 'PENDING'");
        assertThat(retry.where("t.status")).isEqualTo("t.status = 'RUNNING'");
        assertThat(StatusMove.of(EnumSet.of(TaskStatus.FAILED, TaskStatus.PENDING), TaskStatus.PENDING).where("status"))
                .as("declaration order").isEqualTo("status in ('PENDING', 'FAILED')");
        assertThatThrownBy(() -> StatusMove.start(TaskStatus.PENDING).where("status")).isInstanceOf(IllegalStateException.class);
    }

    private static <S extends Enum<S> & LedgerStatus<S>> Set<Pair> pairsAllowed(S[] statuses) {
        Set<Pair> allowed = new HashSet<>();
        for (S from : statuses) {
            if (from.canStartIn()) {
                allowed.add(new Pair(null, from));
            }
            for (S to : statuses) {
                if (from.canMoveTo(to)) {
                    allowed.add(new Pair(from, to));
                }
            }
        }
        return allowed;
    }

    /**
     * Reading a constant initialises its class, which fails there if the table refuses one of its moves. Several
     * statements may make the same move (a retry and an expired lease both make a running task pending).
     */
    private static Set<Pair> pairsUsedBy(Class<? extends Enum<?>> statusType) throws ReflectiveOperationException {
        Set<Pair> used = new HashSet<>();
        for (Class<?> type : LEDGER) {
            for (Field field : type.getDeclaredFields()) {
                if (field.getType() == StatusMove.class && Modifier.isStatic(field.getModifiers())) {
                    field.setAccessible(true);
                    StatusMove<?> move = (StatusMove<?>) field.get(null);
                    if (move.to().getDeclaringClass() == statusType) {
                        if (move.from().isEmpty()) {
                            used.add(new Pair(null, move.to()));
                        }
                        move.from().forEach(from -> used.add(new Pair(from, move.to())));
                    }
                }
            }
        }
        return used;
    }
}
