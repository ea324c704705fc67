package dev.lethe.e2e;

import static dev.lethe.testsupport.AuditAssertions.assertThatEvents;
import static dev.lethe.testsupport.DeletionRequests.aDeletionRequest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.testsupport.AppDatabase;
import dev.lethe.testsupport.AuditLog;
import dev.lethe.testsupport.DeletionRequests;
import dev.lethe.testsupport.LetheIntegrationTest;
import dev.lethe.testsupport.RequestSender;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * Subjects of type "customer", end to end through the broker: orders kept but anonymised ({@code mask}: a literal,
 * the HMAC of the old value, null, and the subject column itself), a shared collection left alone ({@code where}),
 * analytics keyed by the SHA-256 of the id ({@code subject-value: "{sha256}"}), comments hidden by a flag
 * ({@code soft-delete-flag}). Requests are sent together, so each resource's tasks are cleaned in one statement.
 */
@LetheIntegrationTest
class RealSchemasIntegrationTests {

    private static final AtomicLong NEXT = new AtomicLong(8_420_000_000_000L + ThreadLocalRandom.current().nextInt(1_000_000) * 1000L);
    private static final int ORDERS = 2;
    private static final int OWN_DOCUMENTS = 2;
    private static final int EVENTS = 3;
    private static final int COMMENTS = 2;

    @Autowired
    RequestSender requests;
    @Autowired
    AuditLog audit;
    @Autowired
    AppDatabase app;
    @Value("${lethe.audit.subject-key}")
    String subjectKey;

    @Test
    void hardRequestsSentTogetherMaskOrdersKeepSharedDocumentsAndEraseHashedRows() {
        List<Long> customers = List.of(newCustomer(), newCustomer(), newCustomer());
        long bystander = newCustomer();
        DeletionRequests[] sent = customers.stream().map(id -> aDeletionRequest().ofType("customer").forSubject(id))
                .toArray(DeletionRequests[]::new);

        requests.sendTogether(sent);

        for (DeletionRequests request : sent) {
            assertThatEvents(audit.awaitTerminal(request.requestId())).endWith("REQUEST_COMPLETED")
                    .haveTask("customer_orders", "MASKED", ORDERS)
                    .haveTask("customer_documents", "DELETED", OWN_DOCUMENTS)
                    .haveTask("customer_events", "DELETED", EVENTS)
                    .haveTask("customer_comments", "DELETED", COMMENTS)
                    .haveTotalItems(ORDERS + OWN_DOCUMENTS + EVENTS + COMMENTS);
        }
        for (long customer : customers) {
            assertThat(app.count("select count(*) from shop_orders where customer_id = ?", customer)).isZero();
            assertThat(app.count("select count(*) from shop_orders where customer_id is null and full_name = 'redacted'"
                    + " and phone is null and email = ?", hmac(email(customer)))).as("orders kept, anonymised").isEqualTo(ORDERS);
            assertThat(app.count("select count(*) from documents where owner_id = ?", Long.toString(customer)))
                    .as("only the shared document is left").isEqualTo(1);
            assertThat(app.count("select count(*) from documents where owner_id = ? and shared", Long.toString(customer)))
                    .isEqualTo(1);
            assertThat(app.count("select count(*) from analytics_events where user_hash = " + SHA256, Long.toString(customer)))
                    .isZero();
            assertThat(app.count("select count(*) from comments where author_id = ?", Long.toString(customer))).isZero();
        }
        assertThat(app.count("select sum(total_cents) from shop_orders where customer_id is null and email = ?",
                hmac(email(customers.get(0))))).as("what the books need is kept").isEqualTo(ORDERS * 1250L);
        assertUntouched(bystander);
    }

    @Test
    void dryRunsSentTogetherCountWhatWouldBeMaskedOrErasedAndChangeNothing() {
        long first = newCustomer();
        long second = newCustomer();
        DeletionRequests[] sent = {aDeletionRequest().ofType("customer").forSubject(first).dryRun(),
                aDeletionRequest().ofType("customer").forSubject(second).dryRun()};

        requests.sendTogether(sent);

        for (DeletionRequests request : sent) {
            assertThatEvents(audit.awaitTerminal(request.requestId())).endWith("REQUEST_COMPLETED").allDryRun()
                    .haveTask("customer_orders", "DRY_RUN", ORDERS)
                    .haveTask("customer_documents", "DRY_RUN", OWN_DOCUMENTS)
                    .haveTask("customer_events", "DRY_RUN", EVENTS)
                    .haveTask("customer_comments", "DRY_RUN", COMMENTS);
        }
        assertUntouched(first);
        assertUntouched(second);
    }

    @Test
    void softRequestsFlagCommentsMarkOwnDocumentsAndSkipWhatCannotBeMarked() {
        long first = newCustomer();
        long second = newCustomer();
        DeletionRequests[] sent = {aDeletionRequest().ofType("customer").forSubject(first).soft(),
                aDeletionRequest().ofType("customer").forSubject(second).soft()};

        requests.sendTogether(sent);

        for (DeletionRequests request : sent) {
            assertThatEvents(audit.awaitTerminal(request.requestId())).endWith("REQUEST_COMPLETED")
                    .haveTask("customer_orders", "SKIPPED", 0)
                    .haveTask("customer_documents", "SOFT_DELETED", OWN_DOCUMENTS)
                    .haveTask("customer_events", "SKIPPED", 0)
                    .haveTask("customer_comments", "SOFT_DELETED", COMMENTS);
        }
        for (long customer : List.of(first, second)) {
            String id = Long.toString(customer);
            assertThat(app.count("select count(*) from comments where author_id = ? and hidden", id)).isEqualTo(COMMENTS);
            assertThat(app.count("select count(*) from documents where owner_id = ? and deleted_at is not null", id))
                    .isEqualTo(OWN_DOCUMENTS);
            assertThat(app.count("select count(*) from documents where owner_id = ? and shared and deleted_at is null", id))
                    .as("the shared document is not marked").isEqualTo(1);
            assertThat(app.count("select count(*) from shop_orders where customer_id = ? and full_name <> 'redacted'", customer))
                    .as("SOFT never masks").isEqualTo(ORDERS);
        }
        DeletionRequests again = aDeletionRequest().ofType("customer").forSubject(first).soft();
        requests.send(again);
        assertThatEvents(audit.awaitTerminal(again.requestId())).haveTask("customer_comments", "NOTHING_FOUND", 0)
                .haveTask("customer_documents", "NOTHING_FOUND", 0);
    }

    private static final String SHA256 = "encode(sha256(convert_to(?, 'UTF8')), 'hex')";

    /** A customer with orders, own and shared documents, hashed-id analytics events and comments. */
    private long newCustomer() {
        long customer = NEXT.incrementAndGet();
        String id = Long.toString(customer);
        for (int i = 0; i < ORDERS; i++) {
            app.update("insert into shop_orders (customer_id, full_name, email, phone, total_cents) values (?, ?, ?, ?, 1250)",
                    customer, "Name " + customer, email(customer), "+41 " + customer);
        }
        for (int i = 0; i < OWN_DOCUMENTS; i++) {
            app.update("insert into documents (owner_id) values (?)", id);
        }
        app.update("insert into documents (owner_id, shared) values (?, true)", id);
        for (int i = 0; i < EVENTS; i++) {
            app.update("insert into analytics_events values (" + SHA256 + ", 'view')", id);
        }
        for (int i = 0; i < COMMENTS; i++) {
            app.update("insert into comments (author_id, body) values (?, 'hello')", id);
        }
        return customer;
    }

    private void assertUntouched(long customer) {
        String id = Long.toString(customer);
        assertThat(app.count("select count(*) from shop_orders where customer_id = ? and email = ? and phone is not null"
                + " and full_name <> 'redacted'", customer, email(customer))).isEqualTo(ORDERS);
        assertThat(app.count("select count(*) from documents where owner_id = ? and deleted_at is null", id))
                .isEqualTo(OWN_DOCUMENTS + 1);
        assertThat(app.count("select count(*) from analytics_events where user_hash = " + SHA256, id)).isEqualTo(EVENTS);
        assertThat(app.count("select count(*) from comments where author_id = ? and not hidden", id)).isEqualTo(COMMENTS);
    }

    private static String email(long customer) {
        return "customer" + customer + "@example.com";
    }

    /** What the hash mask must write: lowercase hex HMAC-SHA256 of the old value with the subject key. */
    private String hmac(String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(subjectKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
