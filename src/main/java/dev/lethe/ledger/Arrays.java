package dev.lethe.ledger;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.stream.Stream;
import org.springframework.jdbc.support.SqlArrayValue;

/**
 * SQL arrays as statement parameters. A batch bound as arrays ({@code = any(:ids)}, {@code unnest(...)}) keeps one
 * statement text for any batch size, which PostgreSQL parses and plans once per connection; an expanded
 * {@code in (...)} or {@code values} list is a new statement for every size.
 */
final class Arrays {

    private Arrays() {
    }

    static SqlArrayValue varchar(Stream<String> values) {
        return new SqlArrayValue("varchar", values.toArray(String[]::new));
    }

    static SqlArrayValue text(Stream<String> values) {
        return new SqlArrayValue("text", values.toArray(String[]::new));
    }

    static SqlArrayValue bool(Stream<Boolean> values) {
        return new SqlArrayValue("bool", values.toArray(Boolean[]::new));
    }

    static SqlArrayValue bytea(Stream<byte[]> values) {
        return new SqlArrayValue("bytea", values.toArray(byte[][]::new));
    }

    static SqlArrayValue timestamptz(Stream<Instant> values) {
        return new SqlArrayValue("timestamptz", values.map(Timestamps::of).toArray(Timestamp[]::new));
    }

    static SqlArrayValue integer(Stream<Integer> values) {
        return new SqlArrayValue("int4", values.toArray(Integer[]::new));
    }

    static SqlArrayValue bigint(Stream<Long> values) {
        return new SqlArrayValue("int8", values.toArray(Long[]::new));
    }
}
