package dev.lethe.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.transaction.CannotCreateTransactionException;

class LedgerErrorsTests {

    @Test
    void theDatabaseBeingUnreachableIsTransient() {
        assertThat(LedgerErrors.isTransient(new CannotCreateTransactionException("no connection"))).isTrue();
        assertThat(LedgerErrors.isTransient(new CannotGetJdbcConnectionException("pool timeout"))).isTrue();
        assertThat(LedgerErrors.isTransient(new UncategorizedSQLException("x", "sql", new SQLException("gone", "08006"))))
                .isTrue();
        assertThat(LedgerErrors.isTransient(new UncategorizedSQLException("x", "sql", new SQLException("deadlock", "40P01"))))
                .isTrue();
    }

    @Test
    void aValueTheDatabaseRefusesIsPermanent() {
        SQLException nul = new SQLException("invalid byte sequence for encoding UTF8: 0x00", "22021");
        assertThat(LedgerErrors.isTransient(new UncategorizedSQLException("x", "sql", new BatchUpdateException(
                "batch entry 0", "22021", new int[0], nul)))).isFalse();
        assertThat(LedgerErrors.isTransient(new DataIntegrityViolationException("check", new SQLException("c", "23514"))))
                .isFalse();
        assertThat(LedgerErrors.isTransient(new IllegalStateException("a bug"))).isFalse();
    }
}
