package dev.lethe.cleaners.jdbc;

import dev.lethe.cleaners.CleanCommand;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;

import dev.lethe.core.DeletionRequest.Mode;
import dev.lethe.core.DeletionRequest.Subject;
import dev.lethe.core.SafeErrors;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class JdbcCleanerTests {

    @Test
    void refusesADatabaseOtherThanPostgresPermanentlyNamingTheResource() throws Exception {
        DataSource dataSource = mock(DataSource.class);
        Connection connection = mock(Connection.class);
        DatabaseMetaData metaData = mock(DatabaseMetaData.class);
        when(dataSource.getConnection()).thenReturn(connection);
        when(connection.getMetaData()).thenReturn(metaData);
        when(metaData.getDatabaseProductName()).thenReturn("MySQL");
        JdbcCleaner cleaner = JdbcCleaners.plain(dataSource, "posts", "user_id", null, null);

        assertThatThrownBy(() -> cleaner.clean(new CleanCommand(new Subject("user", "secret-id", ""), Mode.HARD, false)))
                .isInstanceOfSatisfying(SQLException.class, error -> {
                    assertThat(JdbcFailures.isTransient(error)).isFalse();
                    assertThat(SafeErrors.describe(error))
                            .isEqualTo("UnusableTableException SQLSTATE 0A000: lethe.resources.posts.datasource: type jdbc"
                                    + " supports PostgreSQL only, and datasource 'app' is MySQL");
                });
        verify(connection).getMetaData();
        verify(connection).close();
        verifyNoMoreInteractions(connection);
    }
}
