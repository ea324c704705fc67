package dev.lethe.intake;

import dev.lethe.audit.SubjectRef;
import dev.lethe.deadletter.DeadLetterCode;
import dev.lethe.deadletter.DeadLetterWriter;
import dev.lethe.ledger.IntakeResult;
import dev.lethe.ledger.RequestLedger;
import dev.lethe.ledger.WorkAvailable;
import java.time.Clock;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * Reads the requests topic. A valid request is made durable in the ledger before the listener returns (and so
 * before its offset can be committed); anything else goes to the dead-letter topic with a reason. Nothing is
 * executed here: planning and cleanup run from the ledger.
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

    RequestListener(TopicsProperties topics, RequestParser parser, SubjectRef subjectRef, RequestLedger ledger, DeadLetterWriter deadLetters,
            ApplicationEventPublisher events, Clock clock) {
        this.parser = parser;
        this.subjectRef = subjectRef;
        this.ledger = ledger;
        this.deadLetters = deadLetters;
        this.events = events;
        this.clock = clock;
        this.requestsTopic = topics.requests();
    }

    /** Read by the listener annotation ({@code __listener}): the topic comes from the validated settings record. */
    public String getRequestsTopic() {
        return requestsTopic;
    }

    @KafkaListener(id = "lethe-intake", topics = "#{__listener.requestsTopic}",
            autoStartup = "${lethe.intake.auto-startup:true}")
    public void onRecord(ConsumerRecord<byte[], byte[]> record) {
        ParsedRecord parsed = parser.parse(record.value());
        if (parsed instanceof ParsedRecord.Malformed malformed) {
            log.warn("dead-lettering {}-{}@{}: {} ({})", record.topic(), record.partition(), record.offset(),
                    malformed.code(), malformed.detail());
            deadLetters.write(record, malformed.code(), malformed.detail(), null);
            return;
        }
        DeletionRequest request = ((ParsedRecord.Valid) parsed).request();
        String ref = subjectRef.of(request.subject());
        IntakeResult result = ledger.record(request.requestId(), ref, request.dryRun(), record.key(), record.value(),
                clock.instant());
        switch (result) {
            case RECORDED -> {
                log.info("request {} received for subject {}", request.requestId(), ref);
                events.publishEvent(WorkAvailable.PLANNING);
            }
            case DUPLICATE -> log.info("request {} is already known: ignored (subject {})", request.requestId(), ref);
            case CONFLICT -> {
                log.warn("request {} reuses the id of a request for another subject: dead-lettered", request.requestId());
                deadLetters.write(record, DeadLetterCode.REQUEST_ID_CONFLICT,
                        "requestId already used for another subject", request.requestId());
            }
        }
    }
}
