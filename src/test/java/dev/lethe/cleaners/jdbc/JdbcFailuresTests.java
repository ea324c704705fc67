package dev.lethe.cleaners.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

class JdbcFailuresTests {

    @ParameterizedTest
    @ValueSource(strings = {"08006", "08001", "40001", "40P01", "53300", "57P01", "57014"})
    void treatsConnectionRollbackResourceAndOperatorStatesAsTransient(String sqlState) {
        assertThat(JdbcFailures.isTransient(new SQLException("x", sqlState))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"42P01", "23503", "23505", "42703", "22001"})
    void treatsMissingTablesAndConstraintsAsPermanent(String sqlState) {
        assertThat(JdbcFailures.isTransient(new SQLException("x", sqlState))).isFalse();
    }

    @Test
    void looksThroughWrappers() {
        assertThat(JdbcFailures.isTransient(new CannotGetJdbcConnectionException("no", new SQLTransientConnectionException("t"))))
                .isTrue();
        assertThat(JdbcFailures.isTransient(new RuntimeException(new ConnectException("refused")))).isTrue();
        assertThat(JdbcFailures.isTransient(new IllegalStateException("bug"))).isFalse();
        assertThat(JdbcFailures.isTransient(new InterruptedException("worker stopping"))).as("the task waits, never fails").isTrue();
    }
}
