package dev.lethe.monitoring;

import dev.lethe.core.SafeErrors;
import dev.lethe.core.StageHealth;
import io.sentry.IScopes;
import io.sentry.SentryEvent;
import io.sentry.SentryLevel;
import io.sentry.protocol.Message;
import java.util.List;

/**
 * Errors sent to Sentry (when {@code sentry.dsn} is set): a task that failed, and a stage whose rounds fail. Each
 * carries one line without subject data ({@link SafeErrors}) as its message and tags operators group and alert on
 * ({@code resource} or {@code stage}, {@code error.kind}); {@link SentryScrubbing} removes exception messages. A
 * stage is reported when it starts failing and when it stalls, not every round: an outage retried for an hour would
 * otherwise be thousands of events.
 */
public class ErrorReports {

    private final IScopes sentry;

    ErrorReports(IScopes sentry) {
        this.sentry = sentry;
    }

    /** @param error the TASK_FAILED error: one line without subject data */
    public void taskFailed(String resource, ErrorKind kind, String error) {
        SentryEvent event = new SentryEvent();
        event.setLevel(SentryLevel.ERROR);
        event.setMessage(message("task failed: " + resource + ": " + error));
        event.setTag("resource", resource);
        event.setTag("error.kind", kind.tag());
        event.setFingerprints(List.of("lethe.task.failed", resource, kind.tag(), error));
        sentry.captureEvent(event);
    }

    void stageFailed(String stage, Throwable error, StageHealth.Failing failing, boolean stalled) {
        if (failing.failures() != 1 && !stalled) {
            return;
        }
        SentryEvent event = new SentryEvent(error);
        event.setLevel(stalled ? SentryLevel.ERROR : SentryLevel.WARNING);
        event.setMessage(message("stage " + stage + (stalled ? " is stalled: " : " failed: ") + failing.cause()));
        event.setTag("stage", stage);
        event.setTag("error.kind", SafeErrors.rootCause(error).getClass().getSimpleName());
        event.setTag("stalled", Boolean.toString(stalled));
        sentry.captureEvent(event);
    }

    /** As the event's template, not its formatted text (which {@link SentryScrubbing} removes): it is safe already. */
    private static Message message(String safeLine) {
        Message message = new Message();
        message.setMessage(safeLine);
        return message;
    }
}
