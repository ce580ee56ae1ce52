package io.custsync.sandbox.intercom;

import io.custsync.sandbox.common.Tally;
import java.util.Map;

/** Request counters keyed by "METHOD /route/{template}" (unknown paths by their raw path), plus writes and 429s. */
public final class IntercomCounters {
    private final Tally requests = new Tally();
    private final Tally kinds = new Tally();

    void request(String key, boolean write) {
        requests.add(key);
        if (write) {
            kinds.add("writes");
        }
    }

    void status(int status) {
        if (status == 429) {
            kinds.add("rate_limited");
        }
    }

    /** Calls of one route, e.g. {@code count("POST /contacts/search")}. */
    public long count(String routeKey) { return requests.get(routeKey); }
    public long total() { return requests.sum(); }
    public long writes() { return kinds.get("writes"); }
    public long rateLimited() { return kinds.get("rate_limited"); }
    public Map<String, Long> snapshot() { return requests.snapshot(); }

    public void reset() {
        requests.reset();
        kinds.reset();
    }

    /** The control API's form: {@code {"total","writes","rate_limited","requests":{route: count}}}. */
    Map<String, Object> toMap() {
        return Map.of("total", total(), "writes", writes(), "rate_limited", rateLimited(), "requests", snapshot());
    }
}
