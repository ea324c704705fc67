package dev.lethe.monitoring;

import io.sentry.SentryEvent;
import io.sentry.SentryOptions;
import io.sentry.protocol.SentryException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Error reports leave the company: before Sentry sends one, exception messages and the log message (which may
 * quote driver errors holding subject data) are replaced by the exception type alone.
 */
@Configuration(proxyBeanMethods = false)
class SentryScrubbing {

    @Bean
    SentryOptions.BeforeSendCallback scrubSubjectData() {
        return (event, hint) -> scrub(event);
    }

    static SentryEvent scrub(SentryEvent event) {
        if (event.getExceptions() != null) {
            for (SentryException exception : event.getExceptions()) {
                exception.setValue("(message removed: may hold subject data)");
            }
        }
        if (event.getMessage() != null) {
            event.getMessage().setFormatted(null);
            event.getMessage().setParams(null);
        }
        return event;
    }
}
