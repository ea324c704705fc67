package dev.lethe.deadlines;

import dev.lethe.audit.AuditContext;
import dev.lethe.audit.AuditTrail;
import dev.lethe.core.PollingLoop;
import dev.lethe.core.StageHealth;
import dev.lethe.core.WorkAvailable;
import dev.lethe.ledger.OverdueMarks;
import dev.lethe.ledger.OverdueRequest;
import dev.lethe.monitoring.LetheMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reports requests still open after their due date: one REQUEST_OVERDUE each, written with the mark that keeps it from
 * being written again, in one transaction. Any worker may run it; one at a time does (an advisory lock).
 */
class OverdueSweep extends PollingLoop {

    private static final Logger log = LoggerFactory.getLogger(OverdueSweep.class);
    /** Requests reported in one transaction; a longer backlog takes several rounds, run back to back. */
    static final int BATCH = 200;
    /** A deadline is checked at least this many times while it runs, so a report is late by a tenth of it at most. */
    private static final int CHECKS_PER_DEADLINE = 10;
    private static final Duration MIN_INTERVAL = Duration.ofMillis(100);
    private static final Duration MAX_INTERVAL = Duration.ofMinutes(1);

    private final OverdueMarks marks;
    private final AuditTrail audit;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final LetheMetrics metrics;
    private final Clock clock;

    OverdueSweep(OverdueMarks marks, AuditTrail audit, TransactionTemplate transactions, ApplicationEventPublisher events,
            LetheMetrics metrics, Clock clock, Duration deadline, StageHealth health) {
        super("overdue-sweep", intervalFor(deadline), health);
        this.marks = marks;
        this.audit = audit;
        this.transactions = transactions;
        this.events = events;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** A tenth of the deadline, between 100 ms and a minute: a month's deadline is checked every minute. */
    static Duration intervalFor(Duration deadline) {
        Duration tenth = deadline.dividedBy(CHECKS_PER_DEADLINE);
        return tenth.compareTo(MIN_INTERVAL) < 0 ? MIN_INTERVAL : tenth.compareTo(MAX_INTERVAL) > 0 ? MAX_INTERVAL : tenth;
    }

    @Override
    protected boolean runOnce() {
        Instant now = clock.instant();
        List<OverdueRequest> reported = transactions.execute(status -> {
            List<OverdueRequest> due = marks.markDue(now, BATCH);
            due.forEach(request -> audit.requestOverdue(new AuditContext(request.requestId(), request.subjectRef(),
                    request.run(), request.dryRun(), request.batchId()), request.dueAt(), now));
            return due;
        });
        if (reported == null || reported.isEmpty()) {
            return false;
        }
        metrics.requestsOverdue(reported.size());
        reported.forEach(request -> log.info("request {} is overdue: it was due at {}", request.requestId(), request.dueAt()));
        events.publishEvent(WorkAvailable.OUTBOX);
        return reported.size() == BATCH;
    }

    @Override
    protected StopOrder stopOrder() {
        return StopOrder.STATISTICS;
    }
}
