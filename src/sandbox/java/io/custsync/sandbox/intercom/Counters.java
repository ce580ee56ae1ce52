package io.custsync.sandbox.intercom;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Request counters keyed by "METHOD /route/{template}" (unknown paths by their raw path), plus writes and 429s. */
public final class Counters {
    private final Map<String, LongAdder> byRoute = new ConcurrentHashMap<>();
    private final LongAdder writes = new LongAdder();
    private final LongAdder tooMany = new LongAdder();
    private final LongAdder total = new LongAdder();

    void request(String key, boolean write) {
        byRoute.computeIfAbsent(key, k -> new LongAdder()).increment();
        total.increment();
        if (write) {
            writes.increment();
        }
    }

    void status(int status) {
        if (status == 429) {
            tooMany.increment();
        }
    }

    /** Calls of one route, e.g. {@code count("POST /contacts/search")}. */
    public long count(String routeKey) {
        LongAdder a = byRoute.get(routeKey);
        return a == null ? 0 : a.sum();
    }

    public long total() { return total.sum(); }
    public long writes() { return writes.sum(); }
    public long rateLimited() { return tooMany.sum(); }

    public Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        byRoute.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    public void reset() {
        byRoute.clear();
        writes.reset();
        tooMany.reset();
        total.reset();
    }
}
