package dev.lethe.intake;

import dev.lethe.audit.SubjectRef;
import dev.lethe.deadletter.DeadLetterCode;
import dev.lethe.deadletter.DeadLetterWriter;
import dev.lethe.faults.CrashPoint;
import dev.lethe.faults.CrashPoints;
import dev.lethe.ledger.IncomingRequest;
import dev.lethe.ledger.IntakeResult;
import dev.lethe.ledger.RequestLedger;
import dev.lethe.ledger.WorkAvailable;
import dev.lethe.monitoring.LetheMetrics;
import java.time.Clock;
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
 * <p>The listener throws only when the ledger or the dead-letter topic is unavailable; the error handler then
 * retries the whole poll without limit. A record dead-lettered before such a failure may be written twice.
 */
public class RequestListener {

    private static final Logger log = LoggerFactory.getLogger(RequestListener.class);

    private final RequestParser parser;
    private final SubjectRef subjectRef;
    private final RequestLedger ledger;
    private final DeadLetterWriter deadLetters;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final String requestsTopic;
    private final LetheMetrics metrics;

    RequestListener(TopicsProperties topics, RequestParser parser, SubjectRef subjectRef, RequestLedger ledger,
            DeadLetterWriter deadLetters, ApplicationEventPublisher events, Clock clock, LetheMetrics metrics) {
        this.parser = parser;
        this.subjectRef = subjectRef;
        this.ledger = ledger;
        this.deadLetters = deadLetters;
        this.events = events;
        this.clock = clock;
        this.requestsTopic = topics.requests();
        this.metrics = metrics;
    }

    /** Read by the listener annotation ({@code __listener}): the topic comes from the validated settings record. */
    public String getRequestsTopic() {
        return requestsTopic;
    }

    @KafkaListener(id = "lethe-intake", idIsGroup = false, topics = "#{__listener.requestsTopic}", batch = "true",
            autoStartup = "${lethe.intake.auto-startup:true}")
    public void onRecords(List<ConsumerRecord<byte[], byte[]>> records) {
        Map<String, IncomingRequest> firstOfEachId = new LinkedHashMap<>();
        Map<String, ConsumerRecord<byte[], byte[]>> recordOfId = new LinkedHashMap<>();
        List<ConsumerRecord<byte[], byte[]>> laterCopies = new ArrayList<>();
        List<DeadLetterWriter.Letter> letters = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            ParsedRecord parsed = parser.parse(record.value());
            if (parsed instanceof ParsedRecord.Malformed malformed) {
                log.warn("dead-lettering {}-{}@{}: {} ({})", record.topic(), record.partition(), record.offset(),
                        malformed.code(), malformed.detail());
                letters.add(new DeadLetterWriter.Letter(record, malformed.code(), malformed.detail(), null));
                continue;
            }
            DeletionRequest request = ((ParsedRecord.Valid) parsed).request();
            IncomingRequest incoming = new IncomingRequest(request.requestId(), subjectRef.of(request.subject()),
                    PlanKey.of(request), request.dryRun(), record.key(), record.value());
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
            Map<String, IntakeResult> results = ledger.recordAll(List.copyOf(firstOfEachId.values()), clock.instant());
            CrashPoints.reach(CrashPoint.INTAKE_AFTER_LEDGER_COMMIT);
            results.forEach((requestId, result) -> report(requestId, result, recordOfId.get(requestId), letters));
            events.publishEvent(WorkAvailable.PLANNING);
        }
        if (!laterCopies.isEmpty()) {
            log.info("{} copies of requests delivered twice in one poll: ignored", laterCopies.size());
        }
        deadLetters.writeAll(letters);
        letters.stream().collect(Collectors.groupingBy(letter -> letter.code().name(), Collectors.counting()))
                .forEach((code, count) -> metrics.deadLettered(code, count.intValue()));
    }

    private void report(String requestId, IntakeResult result, ConsumerRecord<byte[], byte[]> record,
            List<DeadLetterWriter.Letter> letters) {
        switch (result) {
            case RECORDED -> log.info("request {} received", requestId);
            case DUPLICATE -> log.info("request {} is already known: ignored", requestId);
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
