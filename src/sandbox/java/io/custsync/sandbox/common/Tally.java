package io.custsync.sandbox.common;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts by key, for tests to assert on what a simulator saw (its counters are made of these). */
public final class Tally {

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    public void add(String key) {
        counts.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    /** The count of one key; 0 for a key never counted. */
    public long get(String key) {
        LongAdder count = counts.get(key);
        return count == null ? 0 : count.sum();
    }

    /** The counts of all keys together. */
    public long sum() {
        return counts.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Every key's count, sorted by key. */
    public Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    public void reset() {
        counts.clear();
    }
}
