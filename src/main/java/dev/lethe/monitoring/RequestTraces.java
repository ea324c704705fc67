package dev.lethe.monitoring;

import dev.lethe.ledger.RequestEnding;
import dev.lethe.ledger.RequestStatus;
import dev.lethe.ledger.TaskStatus;
import io.sentry.CustomSamplingContext;
import io.sentry.IScopes;
import io.sentry.ISpan;
import io.sentry.ITransaction;
import io.sentry.SentryInstantDate;
import io.sentry.SpanStatus;
import io.sentry.TransactionContext;
import io.sentry.TransactionOptions;
import io.sentry.protocol.TransactionNameSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Sends a Sentry performance transaction ({@code lethe.request}) per request run when it ends, with a span
 * ({@code lethe.task}) per task. Built after the fact from the ledger's times with explicit timestamps: the tasks ran on
 * other threads, maybe on other workers, and a worker may stop in the middle of a request, so no span is kept open
 * while the work runs. A run slower than {@code lethe.monitoring.slow-request} is tagged {@code slow=true} and always
 * sent (see {@link RequestSampling}).
 */
public class RequestTraces {

    static final String REQUEST_OPERATION = "lethe.request";
    static final String TASK_OPERATION = "lethe.task";
    static final String SLOW = "slow";

    private final IScopes sentry;
    private final Duration slowRequest;

    RequestTraces(IScopes sentry, MonitoringProperties properties) {
        this.sentry = sentry;
        this.slowRequest = properties.slowRequest();
    }

    /** Call after the transaction that ended these requests committed. */
    public void requestsEnded(List<RequestEnding.EndedRun> runs) {
        if (sentry.isEnabled()) {
            runs.forEach(run -> requestEnded(RequestTrace.of(run)));
        }
    }

    void requestEnded(RequestTrace trace) {
        boolean slow = trace.duration().compareTo(slowRequest) > 0;
        ITransaction transaction = sentry.startTransaction(
                new TransactionContext(REQUEST_OPERATION, TransactionNameSource.CUSTOM, REQUEST_OPERATION),
                options(trace, slow));
        transaction.setTag("request.id", trace.requestId());
        transaction.setTag("subject.ref", trace.subjectRef());
        transaction.setTag("run", Integer.toString(trace.run()));
        transaction.setTag("dry_run", Boolean.toString(trace.dryRun()));
        transaction.setTag("outcome", (trace.succeeded() ? RequestStatus.COMPLETED : RequestStatus.FAILED).name());
        transaction.setTag(SLOW, Boolean.toString(slow));
        transaction.setData("slow_request_threshold_ms", slowRequest.toMillis());
        trace.tasks().forEach(task -> addSpan(transaction, trace, task));
        transaction.finish(trace.succeeded() ? SpanStatus.OK : SpanStatus.INTERNAL_ERROR, date(trace.endedAt()));
    }

    private static TransactionOptions options(RequestTrace trace, boolean slow) {
        TransactionOptions options = new TransactionOptions();
        options.setStartTimestamp(date(trace.startedAt()));
        options.setBindToScope(false);
        CustomSamplingContext sampling = new CustomSamplingContext();
        sampling.set(SLOW, slow);
        options.setCustomSamplingContext(sampling);
        return options;
    }

    /** A task's span lies within its request's: times recorded by different workers' clocks are kept inside it. */
    private static void addSpan(ITransaction transaction, RequestTrace trace, RequestTrace.TaskSpan task) {
        Instant end = within(trace, task.endedAt() != null ? task.endedAt() : trace.endedAt());
        Instant start = within(trace, task.startedAt() != null ? task.startedAt() : end);
        ISpan span = transaction.startChild(TASK_OPERATION, task.resource(), date(start.isAfter(end) ? end : start));
        span.setTag("resource", task.resource());
        span.setTag("state", task.state());
        if (task.outcome() != null) {
            span.setTag("outcome", task.outcome());
        }
        span.setData("attempts", task.attempts());
        span.finish(statusOf(task), date(end));
    }

    private static SpanStatus statusOf(RequestTrace.TaskSpan task) {
        if (TaskStatus.COMPLETED.name().equals(task.state())) {
            return SpanStatus.OK;
        }
        return TaskStatus.FAILED.name().equals(task.state()) ? SpanStatus.INTERNAL_ERROR : SpanStatus.CANCELLED;
    }

    private static Instant within(RequestTrace trace, Instant at) {
        if (at.isBefore(trace.startedAt())) {
            return trace.startedAt();
        }
        return at.isAfter(trace.endedAt()) ? trace.endedAt() : at;
    }

    private static SentryInstantDate date(Instant at) {
        return new SentryInstantDate(at);
    }
}
