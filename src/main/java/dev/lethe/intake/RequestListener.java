package dev.lethe.intake;

import dev.lethe.core.TopicsProperties;
import dev.lethe.core.DeletionRequest;
import dev.lethe.audit.SubjectRef;
import dev.lethe.deadletter.DeadLetterCode;
import dev.lethe.deadletter.DeadLetterWriter;
import dev.lethe.faults.CrashPoint;
import dev.lethe.faults.CrashPoints;
import dev.lethe.ledger.IncomingRequest;
import dev.lethe.ledger.IntakeResult;
import dev.lethe.ledger.LedgerErrors;
import dev.lethe.ledger.RequestLedger;
import dev.lethe.core.StageHealth;
import dev.lethe.core.WorkAvailable;
import dev.lethe.monitoring.LetheMetrics;
import dev.lethe.core.SafeErrors;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * Reads the requests topic a poll at a time. Valid requests are made durable in the ledger in one transaction
 * before the listener returns, and so before their offsets can be committed; anything else goes to the dead-letter
 * topic with a reason. Nothing is executed here: planning and cleanup run from the ledger.
 *
 * <p>The listener throws only when the ledger or the dead-letter topic is unavailable (a transient error); the error
 * handler then retries the whole poll without limit, and a poll that keeps failing shows as a stalled stage in
 * health. A record dead-lettered before such a failure may be written twice.
 */
public class RequestListener {

    private static final Logger log = LoggerFactory.getLogger(RequestListener.class);
    private static final String STAGE = "intake";

    private final RequestParser parser;
    private final SubjectRef subjectRef;
    private final RequestLedger ledger;
    private final DeadLetterWriter deadLetters;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final String requestsTopic;
    private final LetheMetrics metrics;
    private final StageHealth stages;
    private final GracePeriodProperties gracePeriod;
    private final CancelRecords cancelRecords;

    RequestListener(TopicsProperties topics, RequestParser parser, SubjectRef subjectRef, RequestLedger ledger,
            DeadLetterWriter deadLetters, ApplicationEventPublisher events, Clock clock, LetheMetrics metrics,
            StageHealth stages, GracePeriodProperties gracePeriod, CancelRecords cancelRecords) {
        this.parser = parser;
        this.subjectRef = subjectRef;
        this.ledger = ledger;
        this.deadLetters = deadLetters;
        this.events = events;
        this.clock = clock;
        this.requestsTopic = topics.requests();
        this.metrics = metrics;
        this.stages = stages;
        this.gracePeriod = gracePeriod;
        this.cancelRecords = cancelRecords;
    }

    /** Read by the listener annotation ({@code __listener}): the topic comes from the validated settings record. */
    public String getRequestsTopic() {
        return requestsTopic;
    }

    @KafkaListener(id = "lethe-intake", idIsGroup = false, topics = "#{__listener.requestsTopic}", batch = "true",
            autoStartup = "${lethe.intake.auto-startup:true}")
    public void onRecords(List<ConsumerRecord<byte[], byte[]>> records) {
        try {
            receive(records);
            stages.succeeded(STAGE);
        } catch (RuntimeException e) {
            stages.failed(STAGE, e);
            String cause = SafeErrors.describe(e);
            log.warn("intake could not take a poll of {} records, it is read again: {}", records.size(), cause);
            // Without the cause: driver messages can quote the values the ledger refused, and the error handler logs it.
            throw new IntakeRetry(cause);
        }
    }

    private void receive(List<ConsumerRecord<byte[], byte[]>> records) {
        Map<String, IncomingRequest> firstOfEachId = new LinkedHashMap<>();
        Map<String, ConsumerRecord<byte[], byte[]>> recordOfId = new LinkedHashMap<>();
        List<ConsumerRecord<byte[], byte[]>> laterCopies = new ArrayList<>();
        List<DeadLetterWriter.Letter> letters = new ArrayList<>();
        List<CancelRecords.Cancel> cancels = new ArrayList<>();
        Instant receivedAt = clock.instant();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            ParsedRecord parsed = parser.parse(record.value());
            if (parsed instanceof ParsedRecord.Malformed malformed) {
                log.warn("dead-lettering {}-{}@{}: {} ({})", record.topic(), record.partition(), record.offset(),
                        malformed.code(), malformed.detail());
                letters.add(new DeadLetterWriter.Letter(record, malformed.code(), malformed.detail(), null));
                continue;
            }
            DeletionRequest request = ((ParsedRecord.Valid) parsed).request();
            if (request.cancel()) {
                cancels.add(new CancelRecords.Cancel(record, request.requestId(), subjectRef.of(request.subject())));
                continue;
            }
            IncomingRequest incoming = new IncomingRequest(request.requestId(), subjectRef.of(request.subject()),
                    PlanKey.of(request), request.dryRun(), record.key(), record.value(), origin(record), request.batchId(),
                    gracePeriod.executeAfter(request, receivedAt), request.requestedAt());
            if (firstOfEachId.putIfAbsent(request.requestId(), incoming) == null) {
                recordOfId.put(request.requestId(), record);
            } else if (!sameRequest(firstOfEachId.get(request.requestId()), incoming)) {
                letters.add(conflict(record, request.requestId()));
            } else {
                laterCopies.add(record);
            }
        }
        if (!firstOfEachId.isEmpty()) {
            CrashPoints.reach(CrashPoint.INTAKE_BEFORE_LEDGER_COMMIT);
            Map<String, IntakeResult> results = recordDurably(List.copyOf(firstOfEachId.values()), recordOfId, letters,
                    receivedAt);
            CrashPoints.reach(CrashPoint.INTAKE_AFTER_LEDGER_COMMIT);
            results.forEach((requestId, result) -> report(requestId, result, recordOfId.get(requestId), letters));
        }
        // Before planning is woken: a cancel read with its request then finds it unplanned (unless a planning round
        // that polled the ledger took it in between: the cancel is in time until a task is claimed).
        int cancelled = cancelRecords.apply(cancels, letters);
        if (cancelled > 0) {
            metrics.requestEnded("CANCELLED", cancelled);
            events.publishEvent(WorkAvailable.OUTBOX);
        }
        if (!firstOfEachId.isEmpty()) {
            events.publishEvent(WorkAvailable.PLANNING);
        }
        if (!laterCopies.isEmpty()) {
            log.info("{} copies of requests delivered twice in one poll: ignored", laterCopies.size());
        }
        deadLetters.writeAll(letters);
        letters.stream().collect(Collectors.groupingBy(letter -> letter.code().name(), Collectors.counting()))
                .forEach((code, count) -> metrics.deadLettered(code, count.intValue()));
    }

    /**
     * Records the poll's requests in one transaction. When the ledger refuses the batch for a reason retrying cannot
     * fix (a value it cannot hold), each request is recorded in a transaction of its own, and only those it refuses
     * alone are dead-lettered: one poison record never holds back the partitions behind it. A transient error (the
     * ledger is down) is thrown, and the whole poll is read again.
     */
    // Recorded as received when the poll was read: the time a grace period runs from (executeAfter is exactly
    // receivedAt plus the period) and deadlines without requestedAt count from.
    private Map<String, IntakeResult> recordDurably(List<IncomingRequest> incoming,
            Map<String, ConsumerRecord<byte[], byte[]>> recordOfId, List<DeadLetterWriter.Letter> letters,
            Instant receivedAt) {
        try {
            return ledger.recordAll(incoming, receivedAt);
        } catch (RuntimeException batchError) {
            if (LedgerErrors.isTransient(batchError)) {
                throw batchError;
            }
            if (incoming.size() == 1) {
                deadLetterRefused(incoming.get(0), batchError, recordOfId, letters);
                return Map.of();
            }
            log.warn("the ledger refused a batch of {} requests ({}): recording them one by one", incoming.size(),
                    SafeErrors.describe(batchError));
        }
        Map<String, IntakeResult> results = new LinkedHashMap<>();
        for (IncomingRequest request : incoming) {
            try {
                results.putAll(ledger.recordAll(List.of(request), receivedAt));
            } catch (RuntimeException error) {
                if (LedgerErrors.isTransient(error)) {
                    throw error;
                }
                deadLetterRefused(request, error, recordOfId, letters);
            }
        }
        return results;
    }

    private static void deadLetterRefused(IncomingRequest request, RuntimeException error,
            Map<String, ConsumerRecord<byte[], byte[]>> recordOfId, List<DeadLetterWriter.Letter> letters) {
        String detail = "the ledger refused the request: " + SafeErrors.describe(error);
        log.warn("request {} dead-lettered: {}", request.requestId(), detail);
        letters.add(new DeadLetterWriter.Letter(recordOfId.get(request.requestId()), DeadLetterCode.LEDGER_REJECTED,
                detail, request.requestId()));
    }

    private static String origin(ConsumerRecord<byte[], byte[]> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }

    private void report(String requestId, IntakeResult result, ConsumerRecord<byte[], byte[]> record,
            List<DeadLetterWriter.Letter> letters) {
        switch (result) {
            case RECORDED -> log.debug("request {} received", requestId);
            case DUPLICATE -> log.debug("request {} is already known: ignored", requestId);
            case CONFLICT -> letters.add(conflict(record, requestId));
        }
    }

    private static boolean sameRequest(IncomingRequest a, IncomingRequest b) {
        return a.subjectRef().equals(b.subjectRef()) && a.planKey().equals(b.planKey());
    }

    private static DeadLetterWriter.Letter conflict(ConsumerRecord<byte[], byte[]> record, String requestId) {
        log.warn("request {} reuses the id of a different request: dead-lettered", requestId);
        return new DeadLetterWriter.Letter(record, DeadLetterCode.REQUEST_ID_CONFLICT,
                "requestId already used for another subject, or for a failed request that asked for something else",
                requestId);
    }
}
