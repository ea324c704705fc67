package dev.lethe.monitoring;

import io.sentry.SentryEvent;
import io.sentry.SentryOptions;
import io.sentry.protocol.SentryException;
import io.sentry.protocol.SentryTransaction;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Error reports and traces leave the company: before Sentry sends an error, exception messages and the log message
 * (which may quote driver errors holding subject data) are replaced by the exception type alone; events Lethe writes
 * itself ({@link ErrorReports}) carry their safe line as the message's template, which is kept. Before it sends a
 * transaction, whatever Sentry's integrations attached about an HTTP call or a user is dropped: Lethe's transactions
 * name the subject by its subjectRef only.
 */
@Configuration(proxyBeanMethods = false)
class SentryScrubbing {

    @Bean
    SentryOptions.BeforeSendCallback scrubSubjectData() {
        return (event, hint) -> scrub(event);
    }

    @Bean
    SentryOptions.BeforeSendTransactionCallback scrubTransactions() {
        return (transaction, hint) -> scrub(transaction);
    }

    static SentryTransaction scrub(SentryTransaction transaction) {
        transaction.setRequest(null);
        transaction.setUser(null);
        transaction.setBreadcrumbs(null);
        return transaction;
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
