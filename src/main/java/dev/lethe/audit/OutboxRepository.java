package dev.lethe.audit;

import java.sql.Timestamp;
import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

interface OutboxRepository extends ListCrudRepository<OutboxRecord, Long> {

    /** Copies a record the broker refused for good to {@code outbox_set_aside}; the caller deletes it from the outbox. */
    @Modifying
    @Query("""
            insert into outbox_set_aside (id, event_id, topic, record_key, payload, headers, request_id, created_at,
                set_aside_at, reason)
            select id, event_id, topic, record_key, payload, headers, request_id, created_at, :at, :reason
            from outbox where id = :id on conflict (id) do nothing
            """)
    void setAside(long id, String reason, Timestamp at);

    /** Empties a dead-letter copy the broker refused, and its key, so that it can be sent as a record's origin. */
    @Modifying
    @Query("update outbox set payload = '', record_key = null, headers = :headers where id = :id")
    void dropPayload(long id, String headers);
}
