package dev.lethe.cleaners.jdbc;

import static dev.lethe.cleaners.jdbc.JdbcCleaners.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.testsupport.PostgresServer;
import dev.lethe.testsupport.TestInfrastructure;
import java.sql.Connection;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * A resource's table, columns, {@code where} and {@code mask} are checked against the database before anything runs:
 * each problem is one message naming the setting and the datasource, with the SQLSTATE, never the server's text.
 */
class TableChecksIntegrationTests {

    private DataSource dataSource;

    @BeforeEach
    void createTable() {
        PostgresServer postgres = TestInfrastructure.postgres();
        String url = postgres.createDatabase("lethe_checks_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
        dataSource = new SimpleDriverDataSource(new org.postgresql.Driver(), url, postgres.user(), postgres.password());
        JdbcClient.create(dataSource).sql("create table orders (user_id bigint, email text, total int not null,"
                + " hidden text, deleted_at timestamptz, shared boolean)").update();
    }

    @Test
    void aResourceThatFitsItsTablePasses() throws Exception {
        ResolvedTable resolved = check(settings("orders", "user_id", "deleted_at", "shared", "total > 0 and not shared",
                Map.of("email", "hash", "user_id", "null", "hidden", "'x'", "total", "'0'")));

        assertThat(resolved.table()).isEqualTo("\"public\".\"orders\"");
        assertThat(resolved.mask()).extracting(MaskedColumn::name).containsExactly("email", "hidden", "total", "user_id");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "missing |          |              |            | lethe.resources.missing.table: relation \"missing\" does not exist in datasource 'app'",
            "orders  | gone     |              |            | lethe.resources.orders.mask.gone: no column \"gone\" in \"public\".\"orders\" in datasource 'app'",
            "orders  |          |              | hidden     | lethe.resources.orders.soft-delete-flag: column \"hidden\" of \"public\".\"orders\" is text, not boolean",
            "orders  | total    |              |            | lethe.resources.orders.mask.total: column \"total\" of \"public\".\"orders\" is not null, so it cannot be masked with null",
            "orders  |          | total in     |            | lethe.resources.orders.where: is not a valid condition on \"public\".\"orders\" in datasource 'app' (SQLSTATE 42601 syntax error)",
            "orders  |          | nope = 1     |            | lethe.resources.orders.where: is not a valid condition on \"public\".\"orders\" in datasource 'app' (SQLSTATE 42703 undefined column)",
            "orders  |          | lethe_value = 'x' |       | lethe.resources.orders.where: is not a valid condition on \"public\".\"orders\" in datasource 'app' (SQLSTATE 42703 undefined column)",
            "orders  |          | total        |            | lethe.resources.orders.where: is not a valid condition on \"public\".\"orders\" in datasource 'app' (SQLSTATE 42804 datatype mismatch)",
    })
    void eachProblemIsOneMessageNamingTheSetting(String table, String nullMask, String where, String flag, String message) {
        Map<String, String> mask = nullMask == null ? Map.of() : Map.of(nullMask, "null");

        assertThatThrownBy(() -> check(settings(table, "user_id", null, flag, where, mask)))
                .isInstanceOf(UnusableTableException.class).hasMessage(message);
    }

    @Test
    void aHashIntoANonTextColumnOrALiteralThatIsNotAValueOfTheColumnsTypeNamesTheMask() {
        assertThatThrownBy(() -> check(settings("orders", "user_id", null, null, null, Map.of("total", "hash"))))
                .hasMessage("lethe.resources.orders.mask.total: cannot be written to its column of \"public\".\"orders\""
                        + " in datasource 'app' (SQLSTATE 42804 datatype mismatch)");
        assertThatThrownBy(() -> check(settings("orders", "user_id", null, null, null, Map.of("total", "'none'"))))
                .hasMessage("lethe.resources.orders.mask.total: is not a value of type integer in \"public\".\"orders\""
                        + " in datasource 'app' (SQLSTATE 22P02 invalid text representation)")
                .hasMessageNotContaining("none");
    }

    private ResolvedTable check(JdbcSettings settings) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            return TableChecks.resolve(connection, JdbcTable.checked(settings.table(), settings),
                    HmacPads.of(JdbcCleaners.SUBJECT_KEY), 10);
        }
    }
}
