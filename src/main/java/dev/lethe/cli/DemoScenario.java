package dev.lethe.cli;

import java.util.List;

/** The records the demo sends, one of each kind a real deployment sees. */
final class DemoScenario {

    /**
     * @param label what the record shows
     * @param requestId the id to follow on the audit topic; null for malformed records
     * @param key record key (the subject id, as senders do)
     * @param value record value
     */
    record DemoRecord(String label, String requestId, String key, String value) {
    }

    private DemoScenario() {
    }

    static List<DemoRecord> records() {
        return List.of(
                request("ordinary HARD request", "demo-hard-1001", "1001", ""),
                request("ordinary HARD request", "demo-hard-1002", "1002", ""),
                request("duplicate of demo-hard-1001", "demo-hard-1001", "1001", ""),
                new DemoRecord("malformed: not JSON", null, "1006", "{this is not json"),
                new DemoRecord("malformed: no subject", null, "1006", "{\"requestId\":\"demo-broken\"}"),
                request("SOFT request (posts: one already marked)", "demo-soft-1003", "1003", ",\"mode\":\"SOFT\""),
                request("dry run", "demo-dry-run-1004", "1004", ",\"dryRun\":true"),
                request("scoped to conversations", "demo-scoped-1005", "1005", ",\"scope\":{\"include\":[\"conversations\"]}"),
                request("request for the administrator", "demo-admin-1", "1", ""),
                request("unknown scope name", "demo-unknown-scope-1006", "1006", ",\"scope\":{\"exclude\":[\"billing\"]}"));
    }

    private static DemoRecord request(String label, String requestId, String subjectId, String extraFields) {
        String value = "{\"requestId\":\"" + requestId + "\",\"subject\":{\"type\":\"user\",\"id\":\"" + subjectId
                + "\"},\"reason\":\"USER_REQUEST\",\"requestedBy\":\"lethe-demo\"" + extraFields + "}";
        return new DemoRecord(label, requestId, subjectId, value);
    }
}
