package dev.lethe.testsupport;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Builds DeletionRequest records: {@code aDeletionRequest().forSubject("42").soft().build()}. */
public final class DeletionRequests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private String requestId = "req-" + UUID.randomUUID();
    private String subjectType = "user";
    private String subjectId = "0";
    private String tenant;
    private String mode;
    private boolean dryRun;
    private List<String> include;
    private List<String> exclude;
    private String batchId;
    private Instant executeAfter;
    private boolean cancel;
    /** Now by default, so that a request is never overdue because the tests' calendar moved on. */
    private Instant requestedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    private DeletionRequests() {
    }

    public static DeletionRequests aDeletionRequest() {
        return new DeletionRequests();
    }

    public DeletionRequests withRequestId(String id) {
        this.requestId = id;
        return this;
    }

    public DeletionRequests forSubject(long id) {
        return forSubject(Long.toString(id));
    }

    public DeletionRequests forSubject(String id) {
        this.subjectId = id;
        return this;
    }

    public DeletionRequests ofType(String type) {
        this.subjectType = type;
        return this;
    }

    public DeletionRequests inTenant(String value) {
        this.tenant = value;
        return this;
    }

    public DeletionRequests soft() {
        this.mode = "SOFT";
        return this;
    }

    public DeletionRequests dryRun() {
        this.dryRun = true;
        return this;
    }

    public DeletionRequests including(String... names) {
        this.include = List.of(names);
        return this;
    }

    public DeletionRequests excluding(String... names) {
        this.exclude = List.of(names);
        return this;
    }

    public DeletionRequests inBatch(String id) {
        this.batchId = id;
        return this;
    }

    /** Nothing of the request may run before this time (a grace period). */
    public DeletionRequests executeAfter(Instant time) {
        this.executeAfter = time;
        return this;
    }

    /** Makes this a cancel record ({@code "cancel": true}). */
    public DeletionRequests cancel() {
        this.cancel = true;
        return this;
    }

    /** A cancel record for this request: the same requestId and subject. */
    public DeletionRequests aCancel() {
        DeletionRequests cancelRecord = new DeletionRequests().withRequestId(requestId).forSubject(subjectId).ofType(subjectType);
        cancelRecord.tenant = tenant;
        return cancelRecord.cancel();
    }

    /** @param at when the sender asked (the deadline counts from it); null leaves the field out */
    public DeletionRequests requestedAt(Instant at) {
        this.requestedAt = at;
        return this;
    }

    public Instant requestedAt() {
        return requestedAt;
    }

    public String requestId() {
        return requestId;
    }

    public String subjectId() {
        return subjectId;
    }

    public String toJson() {
        ObjectNode node = JSON.createObjectNode();
        node.put("requestId", requestId);
        ObjectNode subject = node.putObject("subject").put("type", subjectType).put("id", subjectId);
        if (tenant != null) {
            subject.put("tenant", tenant);
        }
        if (mode != null) {
            node.put("mode", mode);
        }
        if (dryRun) {
            node.put("dryRun", true);
        }
        if (include != null || exclude != null) {
            ObjectNode scope = node.putObject("scope");
            if (include != null) {
                include.forEach(scope.withArray("include")::add);
            }
            if (exclude != null) {
                exclude.forEach(scope.withArray("exclude")::add);
            }
        }
        if (batchId != null) {
            node.put("batchId", batchId);
        }
        if (executeAfter != null) {
            node.put("executeAfter", executeAfter.toString());
        }
        if (cancel) {
            node.put("cancel", true);
        }
        node.put("reason", "USER_REQUEST").put("requestedBy", "tests");
        if (requestedAt != null) {
            node.put("requestedAt", requestedAt.toString());
        }
        return node.toString();
    }
}
