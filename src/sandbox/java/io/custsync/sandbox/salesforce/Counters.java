package io.custsync.sandbox.salesforce;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the org saw, for tests to assert on: API calls by "METHOD kind" (e.g. {@code GET query}), writes by
 * "Type.operation" and by type, logins by grant type and outcome, plus rejected and faulted requests.
 */
public final class Counters {

    private final Map<String, AtomicLong> apiCalls = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> writes = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> logins = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> other = new ConcurrentHashMap<>();

    void apiCall(String method, String kind) {
        inc(apiCalls, method + " " + kind);
    }

    void write(String type, String operation) {
        inc(writes, type + "." + operation);
        inc(writes, type);
    }

    void login(String grantType, boolean success) {
        inc(logins, grantType + (success ? ".success" : ".failure"));
        inc(logins, success ? "success" : "failure");
    }

    void event(String name) {
        inc(other, name);
    }

    private static void inc(Map<String, AtomicLong> map, String key) {
        map.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
    }

    public Map<String, Long> apiCalls() {
        return snapshot(apiCalls);
    }

    public long apiCalls(String methodAndKind) {
        return get(apiCalls, methodAndKind);
    }

    public long totalApiCalls() {
        return apiCalls.values().stream().mapToLong(AtomicLong::get).sum();
    }

    public Map<String, Long> writes() {
        return snapshot(writes);
    }

    /** Writes for "Account" (all operations) or "Account.create" / ".update" / ".delete". */
    public long writes(String key) {
        return get(writes, key);
    }

    public Map<String, Long> logins() {
        return snapshot(logins);
    }

    /** Successful logins of any grant type. */
    public long successfulLogins() {
        return get(logins, "success");
    }

    public long failedLogins() {
        return get(logins, "failure");
    }

    /** Other events: "invalidSession", "limitExceeded", "fault". */
    public Map<String, Long> events() {
        return snapshot(other);
    }

    public long events(String name) {
        return get(other, name);
    }

    public void reset() {
        apiCalls.clear();
        writes.clear();
        logins.clear();
        other.clear();
    }

    public Map<String, Object> toMap() {
        Map<String, Object> out = new TreeMap<>();
        out.put("apiCalls", apiCalls());
        out.put("writes", writes());
        out.put("logins", logins());
        out.put("events", events());
        return out;
    }

    private static long get(Map<String, AtomicLong> map, String key) {
        AtomicLong v = map.get(key);
        return v == null ? 0 : v.get();
    }

    private static Map<String, Long> snapshot(Map<String, AtomicLong> map) {
        Map<String, Long> out = new TreeMap<>();
        map.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }
}
