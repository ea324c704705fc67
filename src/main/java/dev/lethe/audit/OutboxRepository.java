package dev.lethe.audit;

import java.util.List;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

interface OutboxRepository extends ListCrudRepository<OutboxRecord, Long> {

    /** The oldest records first: per request, records are published in the order they were written. */
    @Query("select * from outbox order by id limit :limit")
    List<OutboxRecord> findOldest(int limit);

    /** Only one relay publishes at a time (held until its transaction ends), which keeps the order. */
    @Query("select pg_try_advisory_xact_lock(:key)")
    boolean tryRelayLock(long key);
}
