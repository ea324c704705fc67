package dev.lethe.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentry.ScopesAdapter;
import io.sentry.SentryEvent;
import io.sentry.SentryTracer;
import io.sentry.TransactionContext;
import io.sentry.protocol.Request;
import io.sentry.protocol.SentryTransaction;
import io.sentry.protocol.User;
import io.sentry.protocol.Message;
import io.sentry.protocol.SentryException;
import java.util.List;
import org.junit.jupiter.api.Test;

class SentryScrubbingTests {

    @Test
    void removesMessagesThatMayQuoteSubjectDataBeforeAReportLeaves() {
        SentryEvent event = new SentryEvent();
        SentryException exception = new SentryException();
        exception.setType("PSQLException");
        exception.setValue("ERROR: update or delete violates foreign key; Key (user_id)=(1001) is still referenced");
        event.setExceptions(List.of(exception));
        Message message = new Message();
        message.setFormatted("could not erase 1001");
        message.setParams(List.of("1001"));
        event.setMessage(message);

        SentryEvent scrubbed = SentryScrubbing.scrub(event);

        assertThat(scrubbed.getExceptions()).allSatisfy(e -> assertThat(e.getValue()).doesNotContain("1001"));
        assertThat(scrubbed.getExceptions().get(0).getType()).isEqualTo("PSQLException");
        assertThat(scrubbed.getMessage().getFormatted()).isNull();
        assertThat(scrubbed.getMessage().getParams()).isNull();
    }

    @Test
    void dropsWhatIntegrationsAttachAboutAnHttpCallOrAUserFromTransactions() {
        SentryTransaction transaction = new SentryTransaction(new SentryTracer(
                new TransactionContext("lethe.request", "lethe.request"), ScopesAdapter.getInstance()));
        Request request = new Request();
        request.setQueryString("subject=1001");
        transaction.setRequest(request);
        User user = new User();
        user.setId("1001");
        transaction.setUser(user);

        SentryTransaction scrubbed = SentryScrubbing.scrub(transaction);

        assertThat(scrubbed.getRequest()).isNull();
        assertThat(scrubbed.getUser()).isNull();
    }
}
