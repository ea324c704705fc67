package dev.lethe.intake;

import dev.lethe.core.SafeErrors;
import dev.lethe.deadletter.DeadLetterCode;
import dev.lethe.deadletter.DeadLetterWriter;
import dev.lethe.ledger.LedgerErrors;
import dev.lethe.ledger.RequestCancellation;
import java.time.Clock;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the cancel records of a poll, each in a transaction of its own, after the poll's requests are durable (so a
 * request and its cancel read in one poll cancel, whichever came first). A cancel that cannot be applied becomes a
 * dead letter: too late, an unknown requestId, or another subject's id. A redelivered cancel of a cancelled request is
 * ignored. A transient ledger error is thrown: the whole poll is read again, and cancels applied before are then
 * duplicates.
 */
final class CancelRecords {

    private static final Logger log = LoggerFactory.getLogger(CancelRecords.class);

    private final RequestCancellation cancellation;
    private final Clock clock;

    CancelRecords(RequestCancellation cancellation, Clock clock) {
        this.cancellation = cancellation;
        this.clock = clock;
    }

    /** A cancel record as read, with its request's id and the subjectRef of the subject it names. */
    record Cancel(ConsumerRecord<byte[], byte[]> received, String requestId, String subjectRef) {
    }

    /** Applies the cancels, adding a dead letter for each that could not be; returns how many requests were cancelled. */
    int apply(List<Cancel> cancels, List<DeadLetterWriter.Letter> letters) {
        int cancelled = 0;
        for (Cancel cancel : cancels) {
            RequestCancellation.Result result;
            try {
                result = cancellation.cancel(cancel.requestId(), cancel.subjectRef(), clock.instant());
            } catch (RuntimeException error) {
                if (LedgerErrors.isTransient(error)) {
                    throw error;
                }
                String detail = "the ledger refused the cancel: " + SafeErrors.describe(error);
                letters.add(letter(cancel, DeadLetterCode.LEDGER_REJECTED, detail));
                continue;
            }
            switch (result) {
                case CANCELLED -> {
                    cancelled++;
                    log.info("request {} cancelled before any task started", cancel.requestId());
                }
                case ALREADY_CANCELLED -> log.debug("request {} was cancelled before: cancel ignored", cancel.requestId());
                case TOO_LATE -> letters.add(letter(cancel, DeadLetterCode.CANCEL_TOO_LATE,
                        "a task of the request had started or the request had ended: it runs to its own end"));
                case UNKNOWN_REQUEST -> letters.add(letter(cancel, DeadLetterCode.CANCEL_UNKNOWN_REQUEST,
                        "no request with this requestId was received before the cancel"));
                case CONFLICT -> letters.add(letter(cancel, DeadLetterCode.REQUEST_ID_CONFLICT,
                        "cancel names another subject than the request with this requestId"));
            }
        }
        return cancelled;
    }

    private static DeadLetterWriter.Letter letter(Cancel cancel, DeadLetterCode code, String detail) {
        log.warn("cancel of request {} dead-lettered: {}", cancel.requestId(), code);
        return new DeadLetterWriter.Letter(cancel.received(), code, detail, cancel.requestId());
    }
}
