package dev.lethe.audit;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.transaction.TransactionStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Appends records to the outbox inside the caller's ledger transaction. Appends are buffered and written as one
 * JDBC batch just before the transaction commits (one round trip instead of one per event); ids follow the order of
 * the appends, which is the order the relay publishes in. Audit events are chained ({@link AuditChain}) at that same
 * moment: their requests' rows are locked from then until the commit, so one request's events get their hashes and
 * their outbox ids in the same order even when several workers write events of that request at once.
 */
public class Outbox {

    private static final String INSERT = "insert into outbox (event_id, topic, record_key, payload, headers, request_id, created_at)"
            + " values (?, ?, ?, ?, ?, ?, ?)";

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final Clock clock;
    private final AuditChain chain;

    Outbox(JdbcTemplate jdbc, JsonMapper json, Clock clock, AuditChain chain) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.chain = chain;
    }

    /** An append waiting for the commit: a record ready to insert, or an audit event whose bytes wait for its hash. */
    private record Pending(OutboxRecord record, AuditEvent event) {
    }

    /** Must be called inside a ledger transaction: the record is written if and only if it commits. */
    public void append(String topic, String requestId, UUID eventId, byte[] key, byte[] payload, Map<String, String> headers) {
        String headersJson = headers.isEmpty() ? null : json.writeValueAsString(headers);
        pendingInThisTransaction().add(new Pending(
                new OutboxRecord(null, eventId, topic, key, payload, headersJson, requestId, clock.instant()), null));
    }

    /**
     * Runs part of a transaction so that, if it throws, it leaves nothing behind: its ledger writes roll back to a
     * savepoint and the outbox records it appended are dropped, while the rest of the transaction goes on. This is
     * how a stage ends only the one request that broke a batch. The error is rethrown for the caller to judge.
     */
    public <T> T isolated(TransactionStatus transaction, Supplier<T> work) {
        List<Pending> pending = pendingInThisTransaction();
        int appendedBefore = pending.size();
        Object savepoint = transaction.createSavepoint();
        try {
            T result = work.get();
            transaction.releaseSavepoint(savepoint);
            return result;
        } catch (RuntimeException e) {
            transaction.rollbackToSavepoint(savepoint);
            pending.subList(appendedBefore, pending.size()).clear();
            throw e;
        }
    }

    void appendEvent(String topic, AuditEvent event) {
        OutboxRecord record = new OutboxRecord(null, UUID.fromString(event.eventId()), topic,
                event.requestId().getBytes(StandardCharsets.UTF_8), null, null, event.requestId(), clock.instant());
        pendingInThisTransaction().add(new Pending(record, event));
    }

    private List<Pending> pendingInThisTransaction() {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("outbox records are written only inside the ledger transaction they report");
        }
        @SuppressWarnings("unchecked")
        List<Pending> pending = (List<Pending>) TransactionSynchronizationManager.getResource(this);
        if (pending == null) {
            List<Pending> created = new ArrayList<>();
            TransactionSynchronizationManager.bindResource(this, created);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    insert(created);
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(Outbox.this);
                }
            });
            pending = created;
        }
        return pending;
    }

    private void insert(List<Pending> pending) {
        List<byte[]> chained = chain.link(pending.stream().map(Pending::event).filter(Objects::nonNull).toList());
        List<OutboxRecord> records = new ArrayList<>(pending.size());
        int next = 0;
        for (Pending append : pending) {
            OutboxRecord record = append.record();
            records.add(append.event() == null ? record : new OutboxRecord(null, record.eventId(), record.topic(),
                    record.recordKey(), chained.get(next++), null, record.requestId(), record.createdAt()));
        }
        jdbc.batchUpdate(INSERT, records, records.size(), (statement, record) -> {
            statement.setObject(1, record.eventId());
            statement.setString(2, record.topic());
            statement.setBytes(3, record.recordKey());
            statement.setBytes(4, record.payload());
            statement.setString(5, record.headers());
            statement.setString(6, record.requestId());
            statement.setTimestamp(7, Timestamp.from(record.createdAt()));
        });
    }
}
