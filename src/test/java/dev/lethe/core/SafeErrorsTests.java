package dev.lethe.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;

class SafeErrorsTests {

    @Test
    void keepsTheKindAndSqlStateButNotTheDriversMessage() {
        var error = new DataIntegrityViolationException("delete failed",
                new SQLException("Key (user_id)=(1001) is still referenced from table chats", "23503"));

        String described = SafeErrors.describe(error);

        assertThat(described).isEqualTo("SQLException SQLSTATE 23503").doesNotContain("1001");
    }

    @Test
    void isOneLine() {
        assertThat(SafeErrors.describe(new IllegalStateException("a\nb"))).doesNotContain("\n");
    }
}
