package dev.lethe.audit;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * the appends, which is the order the relay publishes in.
 */
public class Outbox {

    private static final String INSERT = "insert into outbox (event_id, topic, record_key, payload, headers, request_id, created_at)"
            + " values (?, ?, ?, ?, ?, ?, ?)";

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final Clock clock;

    Outbox(JdbcTemplate jdbc, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /** Must be called inside a ledger transaction: the record is written if and only if it commits. */
    public void append(String topic, String requestId, UUID eventId, byte[] key, byte[] payload, Map<String, String> headers) {
        String headersJson = headers.isEmpty() ? null : json.writeValueAsString(headers);
        pendingInThisTransaction().add(new OutboxRecord(null, eventId, topic, key, payload, headersJson, requestId, clock.instant()));
    }

    /**
     * Runs part of a transaction so that, if it throws, it leaves nothing behind: its ledger writes roll back to a
     * savepoint and the outbox records it appended are dropped, while the rest of the transaction goes on. This is
     * how a stage ends only the one request that broke a batch. The error is rethrown for the caller to judge.
     */
    public <T> T isolated(TransactionStatus transaction, Supplier<T> work) {
        List<OutboxRecord> pending = pendingInThisTransaction();
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
        append(topic, event.requestId(), UUID.fromString(event.eventId()),
                event.requestId().getBytes(StandardCharsets.UTF_8), json.writeValueAsBytes(event), Map.of());
    }

    private List<OutboxRecord> pendingInThisTransaction() {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("outbox records are written only inside the ledger transaction they report");
        }
        @SuppressWarnings("unchecked")
        List<OutboxRecord> pending = (List<OutboxRecord>) TransactionSynchronizationManager.getResource(this);
        if (pending == null) {
            List<OutboxRecord> created = new ArrayList<>();
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

    private void insert(List<OutboxRecord> records) {
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
