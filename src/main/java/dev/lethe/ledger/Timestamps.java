package dev.lethe.ledger;

import java.sql.Timestamp;
import java.time.Instant;

/** Instants as JDBC parameters for timestamptz columns. */
final class Timestamps {

    private Timestamps() {
    }

    static Timestamp of(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
