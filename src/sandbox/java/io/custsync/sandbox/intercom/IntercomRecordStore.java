package io.custsync.sandbox.intercom;

import java.util.Iterator;
import java.util.Map;
import java.util.NavigableSet;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.LongFunction;
import java.util.function.LongUnaryOperator;

/**
 * Lazily generated records plus the few that were changed.
 *
 * <p><b>Why this shape.</b> A million contacts cannot live in a 512 MB heap as objects, so record {@code i} is regenerated
 * from (seed, i) on every read. Its ordering time (updated_at) is a monotonic function of {@code i}
 * ({@code start + i·span/n}), so "everything updated after T, ascending" is a binary search over {@code i} followed by a
 * walk, never a scan. Records created, changed, deleted, archived or merged through the API or the control API are kept
 * in {@link #overrides} (by index) and in {@link #keys}, a sorted set of (sortTime, index); the generated stream skips
 * overridden indices and is merged with that set, so the total order (sortTime, index) holds for both. Memory is
 * therefore O(number of changes), independent of the data-set size.
 *
 * <p>Each change also files the key it gave the record under the store version it made ({@link #history}), so a search
 * can keep the positions its result set had when it began ({@link #ordered}) while records change under it.
 */
final class IntercomRecordStore<T extends Model.Rec> {
    private final long generated;
    private final LongFunction<T> generator;
    private final LongUnaryOperator sortTimeOf;
    private final TreeMap<Long, T> overrides = new TreeMap<>();
    private final TreeSet<long[]> keys = new TreeSet<>(IntercomRecordStore::compareKeys);
    /** The key each override was filed under (records are mutated in place, so the old key must be remembered). */
    private final Map<Long, long[]> keyOf = new java.util.HashMap<>();
    private long nextIdx;
    private long version;
    /** Per changed record, its recent keys as {version that filed it, sortTime}, oldest first (at most HISTORY). */
    private final Map<Long, java.util.ArrayDeque<long[]>> history = new java.util.HashMap<>();
    private static final int HISTORY = 16;

    /** A record and the sort time it is ordered by in the iteration that returned it (not always its current one). */
    record Hit<T>(T rec, long sortTime) {
    }

    IntercomRecordStore(long generated, LongFunction<T> generator, LongUnaryOperator sortTimeOf) {
        this.generated = Math.max(0, generated);
        this.generator = generator;
        this.sortTimeOf = sortTimeOf;
        this.nextIdx = this.generated;
    }

    static int compareKeys(long[] a, long[] b) {
        int c = Long.compare(a[0], b[0]);
        return c != 0 ? c : Long.compare(a[1], b[1]);
    }

    long generatedCount() {
        return generated;
    }

    synchronized long version() {
        return version;
    }

    /** The current record at idx (including invisible ones), or null if it never existed. */
    synchronized T get(long idx) {
        if (idx < 0) {
            return null;
        }
        T o = overrides.get(idx);
        if (o != null) {
            return o;
        }
        return idx < generated ? generator.apply(idx) : null;
    }

    synchronized boolean isOverridden(long idx) {
        return overrides.containsKey(idx);
    }

    /** The index the next created record will get: everything below it exists or existed. */
    synchronized long nextIdx() {
        return nextIdx;
    }

    synchronized long allocateIdx() {
        return nextIdx++;
    }

    /** Called with every record about to be filed (the workspace stamps when search will see the change). */
    private java.util.function.Consumer<T> onChange = r -> { };

    void onChange(java.util.function.Consumer<T> hook) {
        this.onChange = hook;
    }

    synchronized void put(T rec) {
        onChange.accept(rec);
        overrides.put(rec.idx, rec);
        long[] old = keyOf.remove(rec.idx);
        if (old != null) {
            keys.remove(old);
        }
        long[] key = {rec.sortTime(), rec.idx};
        keys.add(key);
        keyOf.put(rec.idx, key);
        version++;
        java.util.ArrayDeque<long[]> h = history.computeIfAbsent(rec.idx, k -> new java.util.ArrayDeque<>());
        if (h.size() == HISTORY) {
            h.removeFirst();
        }
        h.addLast(new long[] {version, rec.sortTime()});
    }

    /**
     * The sort time record idx had at store version {@code asOf}: its last change filed at or before it, else its
     * generated time; null if it did not exist then (created later).
     */
    private Long sortTimeAsOf(long idx, long asOf) {
        java.util.ArrayDeque<long[]> h = history.get(idx);
        Long t = null;
        if (h != null) {
            for (long[] e : h) {
                if (e[0] <= asOf) {
                    t = e[1];
                }
            }
        }
        if (t == null && idx < generated && (h == null || h.isEmpty() || h.peekFirst()[0] > asOf)) {
            t = sortTimeOf.applyAsLong(idx);
        }
        return t;
    }

    /** Whether generated record idx had been changed at store version {@code asOf}. */
    private boolean changedAsOf(long idx, long asOf) {
        java.util.ArrayDeque<long[]> h = history.get(idx);
        return h != null && !h.isEmpty() && h.peekFirst()[0] <= asOf;
    }

    synchronized int overrideCount() {
        return overrides.size();
    }

    /** Visible records: generated minus overridden plus visible overrides. */
    synchronized long visibleCount() {
        long overriddenGenerated = overrides.headMap(generated).size();
        long visibleOverrides = overrides.values().stream().filter(Model.Rec::visible).count();
        return generated - overriddenGenerated + visibleOverrides;
    }

    /** Index-order iteration (list endpoints): generated records first, then created ones. */
    synchronized Iterator<T> byIndex(long fromIdx) {
        return new Iterator<>() {
            long i = Math.max(0, fromIdx);
            T next = advance();

            private T advance() {
                synchronized (IntercomRecordStore.this) {
                    while (true) {
                        if (i < generated) {
                            T r = get(i++);
                            if (r.visible()) {
                                return r;
                            }
                            continue;
                        }
                        Map.Entry<Long, T> e = overrides.ceilingEntry(i);
                        if (e == null) {
                            return null;
                        }
                        i = e.getKey() + 1;
                        if (e.getValue().visible()) {
                            return e.getValue();
                        }
                    }
                }
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public T next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                T r = next;
                next = advance();
                return r;
            }
        };
    }

    /** First generated index whose sortTime is at least t. */
    private long firstGeneratedFrom(long t) {
        return t == Long.MIN_VALUE ? 0 : firstGeneratedAfter(t - 1, Long.MAX_VALUE);
    }

    /** First generated index whose key is strictly greater than (t, idx). */
    private long firstGeneratedAfter(long t, long idx) {
        if (t == Long.MAX_VALUE && idx == Long.MAX_VALUE) {
            return generated;
        }
        long lo = 0;
        long hi = generated;
        while (lo < hi) {
            long mid = (lo + hi) >>> 1;
            long mt = sortTimeOf.applyAsLong(mid);
            if (mt > t || (mt == t && mid > idx)) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /**
     * Visible records in (sortTime, idx) order, ascending or descending, with sortTime in [lo, hi], strictly after the
     * cursor key (exclusive; null = from the start).
     */
    synchronized Iterator<T> bySortTime(boolean ascending, long lo, long hi, long[] after) {
        Iterator<Hit<T>> hits = ordered(ascending, lo, hi, after, Long.MAX_VALUE);
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return hits.hasNext();
            }

            @Override
            public T next() {
                return hits.next().rec();
            }
        };
    }

    /**
     * Like {@link #bySortTime}, but in the order the records had at store version {@code asOf} (the positions a
     * search's result set had when it began): a record changed since is met where it was then, with what it holds
     * now; one created since is not met at all. {@code Long.MAX_VALUE} (or the current version) is the current order.
     */
    synchronized Iterator<Hit<T>> ordered(boolean ascending, long lo, long hi, long[] after, long asOf) {
        if (lo > hi) {
            return java.util.Collections.emptyIterator(); // e.g. "> t AND < t + 1" at second precision: nothing
        }
        boolean current = asOf >= version;
        long[] loKey = {lo, Long.MIN_VALUE};
        long[] hiKey = {hi, Long.MAX_VALUE};
        NavigableSet<long[]> range;
        if (current) {
            range = keys.subSet(loKey, true, hiKey, true);
        } else {
            TreeSet<long[]> then = new TreeSet<>(IntercomRecordStore::compareKeys);
            for (Long idx : overrides.keySet()) {
                if (idx < generated && !changedAsOf(idx, asOf)) {
                    continue; // still where it was generated, as far as this version knows
                }
                Long t = sortTimeAsOf(idx, asOf);
                if (t != null && t >= lo && t <= hi) {
                    then.add(new long[] {t, idx});
                }
            }
            range = then;
        }
        long genFrom;
        long genTo; // exclusive
        if (ascending) {
            long[] start = after != null && compareKeys(after, loKey) > 0 ? after : null;
            genFrom = start != null ? firstGeneratedAfter(start[0], start[1]) : firstGeneratedFrom(lo);
            genTo = firstGeneratedAfter(hi, Long.MAX_VALUE);
            range = start != null ? range.tailSet(start, false) : range;
        } else {
            long[] start = after != null && compareKeys(after, hiKey) < 0 ? after : null;
            genFrom = firstGeneratedFrom(lo);
            genTo = start != null ? firstGeneratedAfter(start[0], start[1] - 1) : firstGeneratedAfter(hi, Long.MAX_VALUE);
            range = (start != null ? range.headSet(start, false) : range).descendingSet();
        }
        // Copy the (few) override keys so iteration does not hold the lock between pages.
        long[][] ov = range.toArray(new long[0][]);
        final long gFrom = genFrom;
        final long gTo = genTo;
        return new Iterator<>() {
            long g = ascending ? gFrom : gTo - 1;
            int o = 0;
            Hit<T> next = advance();

            private boolean genValid() {
                return ascending ? g < gTo : g >= gFrom;
            }

            private boolean skipGenerated(long i) {
                return current ? overrides.containsKey(i) : changedAsOf(i, asOf);
            }

            private Hit<T> advance() {
                synchronized (IntercomRecordStore.this) {
                    while (true) {
                        while (genValid() && skipGenerated(g)) {
                            g += ascending ? 1 : -1;
                        }
                        boolean hasGen = genValid();
                        boolean hasOv = o < ov.length;
                        if (!hasGen && !hasOv) {
                            return null;
                        }
                        boolean takeGen;
                        if (hasGen && hasOv) {
                            int c = compareKeys(new long[] {sortTimeOf.applyAsLong(g), g}, ov[o]);
                            takeGen = ascending ? c < 0 : c > 0;
                        } else {
                            takeGen = hasGen;
                        }
                        T r;
                        long t;
                        if (takeGen) {
                            t = sortTimeOf.applyAsLong(g);
                            r = current ? generator.apply(g) : get(g); // changed since: what it holds now
                            g += ascending ? 1 : -1;
                        } else {
                            t = ov[o][0];
                            r = overrides.get(ov[o++][1]);
                            if (r == null || (current && r.sortTime() != t)) {
                                continue; // changed since the copy: its new key is in another position
                            }
                        }
                        if (r.visible()) {
                            return new Hit<>(r, t);
                        }
                    }
                }
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public Hit<T> next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                Hit<T> r = next;
                next = advance();
                return r;
            }
        };
    }

    /**
     * Visible records with sortTime in [lo, hi], counted arithmetically (no generation). Generated records always count;
     * overrides only if {@code include} accepts them.
     */
    synchronized long countSortTimeRange(long lo, long hi, java.util.function.Predicate<T> include) {
        if (lo > hi) {
            return 0;
        }
        long a = firstGeneratedFrom(lo);
        long b = firstGeneratedAfter(hi, Long.MAX_VALUE);
        long overridden = a < b ? overrides.subMap(a, true, b, false).size() : 0;
        long fromOverrides = 0;
        for (long[] k : keys.subSet(new long[] {lo, Long.MIN_VALUE}, true, new long[] {hi, Long.MAX_VALUE}, true)) {
            T r = overrides.get(k[1]);
            if (r != null && r.visible() && include.test(r)) {
                fromOverrides++;
            }
        }
        return (b - a) - overridden + fromOverrides;
    }
}
