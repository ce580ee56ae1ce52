package io.custsync.sandbox.salesforce;

import io.custsync.sandbox.common.Tally;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the org saw, for tests to assert on: API calls by "METHOD kind" (e.g. {@code GET query}), writes by
 * "Type.operation" and by type, logins by grant type and outcome, plus rejected and faulted requests.
 */
public final class SalesforceCounters {

    private final Tally apiCalls = new Tally();
    private final Tally writes = new Tally();
    private final Tally logins = new Tally();
    private final Tally events = new Tally();

    void apiCall(String method, String kind) {
        apiCalls.add(method + " " + kind);
    }

    void write(String type, String operation) {
        writes.add(type + "." + operation);
        writes.add(type);
    }

    void login(String grantType, boolean success) {
        logins.add(grantType + (success ? ".success" : ".failure"));
        logins.add(success ? "success" : "failure");
    }

    void event(String name) {
        events.add(name);
    }

    public Map<String, Long> apiCalls() {
        return apiCalls.snapshot();
    }

    public long apiCalls(String methodAndKind) {
        return apiCalls.get(methodAndKind);
    }

    public long totalApiCalls() {
        return apiCalls.sum();
    }

    public Map<String, Long> writes() {
        return writes.snapshot();
    }

    /** Writes for "Account" (all operations) or "Account.create" / ".update" / ".delete". */
    public long writes(String key) {
        return writes.get(key);
    }

    public Map<String, Long> logins() {
        return logins.snapshot();
    }

    /** Successful logins of any grant type. */
    public long successfulLogins() {
        return logins.get("success");
    }

    public long failedLogins() {
        return logins.get("failure");
    }

    /** Other events: "invalidSession", "limitExceeded", "fault". */
    public Map<String, Long> events() {
        return events.snapshot();
    }

    public long events(String name) {
        return events.get(name);
    }

    public void reset() {
        apiCalls.reset();
        writes.reset();
        logins.reset();
        events.reset();
    }

    public Map<String, Object> toMap() {
        return new TreeMap<>(Map.of("apiCalls", apiCalls(), "writes", writes(), "logins", logins(), "events", events()));
    }
}
