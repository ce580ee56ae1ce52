package io.custsync.sandbox.salesforce;

import io.custsync.sandbox.salesforce.SoqlQuery.FieldPath;
import io.custsync.sandbox.salesforce.SoqlQuery.Order;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs SOQL against the store and pages the result like Salesforce: {@code totalSize}, {@code done},
 * {@code records}, and a {@code nextRecordsUrl} ({@code .../query/01g...-2000}) while rows remain.
 *
 * <p>A cursor keeps only the matching row numbers (an int each), and a page is rendered when it is fetched,
 * so a million-row result costs about 4 MB until it is read.
 *
 * <p>Where Salesforce's docs are silent or leave room, the least convenient behaviour is taken: the rows of a
 * result are fixed when the query runs, but each page shows them as they are when it is fetched (a record
 * changed meanwhile comes at its old place with its new values, SystemModstamp included); rows the ORDER BY
 * leaves tied come in an order of the query's own, another for the next query; and each {@code nextRecordsUrl}
 * works once ("Use a queryLocator only once", SOAP API QueryLocator), so neither a retried nor a made-up
 * {@code locator-offset} is answered.
 */
final class QueryService {

    private static final int MAX_OPEN_CURSORS = 200;

    private static final class Cursor {
        final SoqlQuery query;
        final int[] rows;
        final String version;
        /** The only offset the cursor answers next: the one its last nextRecordsUrl handed out. */
        int next;

        Cursor(SoqlQuery query, int[] rows, String version) {
            this.query = query;
            this.rows = rows;
            this.version = version;
        }
    }

    /** Each query orders the rows its ORDER BY leaves tied its own way. */
    private final AtomicLong queries = new AtomicLong();

    private static long tie(int row, long salt) {
        long z = row ^ salt;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private final SalesforceRecordStore store;
    private final int defaultBatchSize;
    private final AtomicLong locators = new AtomicLong();
    private final Map<String, Cursor> cursors = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Cursor> eldest) {
            return size() > MAX_OPEN_CURSORS;
        }
    };

    QueryService(SalesforceRecordStore store, int defaultBatchSize) {
        this.store = store;
        this.defaultBatchSize = defaultBatchSize;
    }

    /** {@code query} (live rows) or {@code queryAll} (deleted rows too). */
    Map<String, Object> query(String soql, boolean includeDeleted, String version, Integer batchSize) {
        if (soql == null || soql.isBlank()) {
            throw new ApiError(400, "MALFORMED_QUERY", "A query string has to be specified");
        }
        SoqlQuery q = SoqlParser.parse(soql, store.schema());
        store.lock.readLock().lock();
        try {
            int[] rows = execute(q, includeDeleted);
            if (q.countOnly()) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("totalSize", rows.length);
                out.put("done", true);
                out.put("records", List.of());
                return out;
            }
            int size = batchSize == null ? defaultBatchSize : Math.max(200, Math.min(2000, batchSize));
            Cursor cursor = new Cursor(q, rows, version);
            String locator = null;
            if (rows.length > size) {
                locator = SalesforceIds.of("01g", locators.incrementAndGet()).substring(0, 15);
                synchronized (cursors) {
                    cursors.put(locator, cursor);
                }
            }
            return page(cursor, locator, 0, size);
        } finally {
            store.lock.readLock().unlock();
        }
    }

    /** Follows a {@code nextRecordsUrl}: {@code locator-offset}. */
    Map<String, Object> more(String locatorAndOffset, Integer batchSize) {
        int dash = locatorAndOffset.lastIndexOf('-');
        Cursor cursor;
        String locator = dash < 0 ? locatorAndOffset : locatorAndOffset.substring(0, dash);
        synchronized (cursors) {
            cursor = cursors.get(locator);
        }
        int offset;
        try {
            offset = dash < 0 ? 0 : Integer.parseInt(locatorAndOffset.substring(dash + 1));
        } catch (NumberFormatException e) {
            offset = -1;
        }
        int size = batchSize == null ? defaultBatchSize : Math.max(200, Math.min(2000, batchSize));
        store.lock.readLock().lock();
        try {
            synchronized (cursor == null ? this : cursor) {
                if (cursor == null || offset != cursor.next) {
                    throw new ApiError(400, "INVALID_QUERY_LOCATOR", "invalid query locator");
                }
                return page(cursor, locator, offset, size);
            }
        } finally {
            store.lock.readLock().unlock();
        }
    }

    private Map<String, Object> page(Cursor cursor, String locator, int offset, int size) {
        int end = Math.min(cursor.rows.length, offset + size);
        List<Map<String, Object>> records = new ArrayList<>(end - offset);
        for (int i = offset; i < end; i++) {
            records.add(render(store.get(cursor.query.from(), cursor.rows[i]), cursor.query, cursor.version));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("totalSize", cursor.rows.length);
        boolean done = end >= cursor.rows.length;
        out.put("done", done);
        cursor.next = end;
        if (!done) {
            out.put("nextRecordsUrl", "/services/data/v" + cursor.version + "/query/" + locator + "-" + end);
        } else if (locator != null) {
            synchronized (cursors) {
                cursors.remove(locator);
            }
        }
        out.put("records", records);
        return out;
    }

    /** Matching rows in result order; LIMIT without OFFSET keeps only a bounded heap while scanning. */
    private int[] execute(SoqlQuery q, boolean includeDeleted) {
        long salt = tie((int) queries.incrementAndGet(), 0x5A17L);
        ObjectDef def = q.from();
        int size = store.size(def);
        List<Order> order = q.orderBy();
        Integer limit = q.limit();
        int skip = q.offset() == null ? 0 : q.offset();
        if (order.isEmpty()) {
            int[] out = new int[Math.min(size, limit == null ? size : Math.min(size, limit + skip))];
            int n = 0;
            for (int row = 0; row < size && n < out.length; row++) {
                if (matches(q, store.get(def, row), includeDeleted)) {
                    out[n++] = row;
                }
            }
            return slice(Arrays.copyOf(out, n), skip, limit);
        }
        if (limit != null && q.offset() == null) {
            Comparator<Keyed> cmp = comparator(order, salt);
            PriorityQueue<Keyed> top = new PriorityQueue<>(Math.max(1, limit), cmp.reversed());
            for (int row = 0; row < size; row++) {
                Map<String, Object> rec = store.get(def, row);
                if (matches(q, rec, includeDeleted)) {
                    top.add(keyed(order, rec, row));
                    if (top.size() > limit) {
                        top.poll();
                    }
                }
            }
            List<Keyed> sorted = new ArrayList<>(top);
            sorted.sort(cmp);
            return sorted.stream().mapToInt(Keyed::row).toArray();
        }
        int[] matched = new int[Math.min(size, 1024)];
        int n = 0;
        for (int row = 0; row < size; row++) {
            if (matches(q, store.get(def, row), includeDeleted)) {
                if (n == matched.length) {
                    matched = Arrays.copyOf(matched, Math.max(16, n * 2));
                }
                matched[n++] = row;
            }
        }
        matched = Arrays.copyOf(matched, n);
        int[] sorted = numericKeys(order) ? sortByNumericKeys(def, order, matched, salt) : sortByKeys(def, order, matched, salt);
        return slice(sorted, skip, limit);
    }

    /** Datetime, number, checkbox and id keys can be sorted as longs: ~8 bytes a row instead of a key object. */
    private static boolean numericKeys(List<Order> order) {
        return order.stream().allMatch(o -> switch (o.path().leaf().type()) {
            case DATETIME, DOUBLE, BOOLEAN, ID, REFERENCE -> true;
            default -> false;
        });
    }

    private int[] sortByNumericKeys(ObjectDef def, List<Order> order, int[] rows, long salt) {
        int n = rows.length;
        int k = order.size();
        long[][] keys = new long[k][n];
        java.util.BitSet[] nulls = new java.util.BitSet[k];
        for (int j = 0; j < k; j++) {
            nulls[j] = new java.util.BitSet(n);
        }
        for (int i = 0; i < n; i++) {
            Map<String, Object> rec = store.get(def, rows[i]);
            for (int j = 0; j < k; j++) {
                Object v = order.get(j).path().value(rec, store);
                if (v == null) {
                    nulls[j].set(i);
                } else {
                    keys[j][i] = asSortableLong(v);
                }
            }
        }
        Integer[] perm = new Integer[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        Arrays.sort(perm, (a, b) -> {
            for (int j = 0; j < k; j++) {
                Order o = order.get(j);
                boolean na = nulls[j].get(a);
                boolean nb = nulls[j].get(b);
                if (na || nb) {
                    if (na != nb) {
                        return na == o.nullsFirst() ? -1 : 1;
                    }
                    continue;
                }
                int c = Long.compare(keys[j][a], keys[j][b]);
                if (c != 0) {
                    return o.ascending() ? c : -c;
                }
            }
            return Long.compare(tie(rows[a], salt), tie(rows[b], salt));
        });
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = rows[perm[i]];
        }
        return out;
    }

    /** Order-preserving long for a key value; sandbox ids sort by key prefix, then by the row they encode. */
    private static long asSortableLong(Object v) {
        if (v instanceof Instant i) {
            return i.toEpochMilli();
        }
        if (v instanceof Double d) {
            long bits = Double.doubleToLongBits(d);
            return bits ^ ((bits >> 63) & 0x7fffffffffffffffL);
        }
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        String id = v.toString();
        String prefix = SalesforceIds.keyPrefix(id);
        long prefixRank = (Character.getNumericValue(prefix.charAt(0)) * 36L + Character.getNumericValue(prefix.charAt(1)))
                * 36L + Character.getNumericValue(prefix.charAt(2));
        return (prefixRank << 40) | Math.max(0, SalesforceIds.sequence(id, prefix));
    }

    private int[] sortByKeys(ObjectDef def, List<Order> order, int[] rows, long salt) {
        List<Keyed> all = new ArrayList<>(rows.length);
        for (int row : rows) {
            all.add(keyed(order, store.get(def, row), row));
        }
        all.sort(comparator(order, salt));
        return all.stream().mapToInt(Keyed::row).toArray();
    }

    private static int[] slice(int[] rows, int skip, Integer limit) {
        int from = Math.min(skip, rows.length);
        int to = limit == null ? rows.length : Math.min(rows.length, from + limit);
        return from == 0 && to == rows.length ? rows : Arrays.copyOfRange(rows, from, to);
    }

    private boolean matches(SoqlQuery q, Map<String, Object> rec, boolean includeDeleted) {
        if (!includeDeleted && Boolean.TRUE.equals(rec.get("IsDeleted"))) {
            return false;
        }
        return q.where() == null || q.where().test(rec, store);
    }

    private record Keyed(Object[] keys, int row) {
    }

    private Keyed keyed(List<Order> order, Map<String, Object> rec, int row) {
        Object[] keys = new Object[order.size()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = order.get(i).path().value(rec, store);
        }
        return new Keyed(keys, row);
    }

    private static Comparator<Keyed> comparator(List<Order> order, long salt) {
        Comparator<Keyed> cmp = null;
        for (int i = 0; i < order.size(); i++) {
            int index = i;
            Order o = order.get(i);
            Comparator<Object> field = SoqlParser.nullSafe(o.path().leaf(), o.nullsFirst());
            Comparator<Keyed> c = (a, b) -> field.compare(a.keys[index], b.keys[index]);
            if (!o.ascending()) {
                Comparator<Keyed> asc = c;
                // DESC reverses values but keeps the requested null placement.
                c = (a, b) -> {
                    Object x = a.keys[index];
                    Object y = b.keys[index];
                    if (x == null || y == null) {
                        return asc.compare(a, b);
                    }
                    return -asc.compare(a, b);
                };
            }
            cmp = cmp == null ? c : cmp.thenComparing(c);
        }
        // Ties in an order of this query's own: stable while it is paged, another for the next query.
        return cmp.thenComparingLong(k -> tie(k.row(), salt));
    }

    /** A record as the query API shows it: attributes, then the selected fields, lookups as nested objects. */
    Map<String, Object> render(Map<String, Object> rec, SoqlQuery q, String version) {
        Map<String, Object> out = attributes(q.from(), rec, version);
        for (FieldPath path : q.select()) {
            Map<String, Object> target = out;
            Map<String, Object> current = rec;
            boolean broken = false;
            for (FieldDef hop : path.hops()) {
                String rel = hop.relationshipName();
                if (target.containsKey(rel) && target.get(rel) == null) {
                    broken = true;
                    break;
                }
                Object id = current.get(hop.name());
                Map<String, Object> related = id == null ? null : store.byId(id.toString());
                if (related == null || Boolean.TRUE.equals(related.get("IsDeleted"))) {
                    target.put(rel, null);
                    broken = true;
                    break;
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> nested = (Map<String, Object>) target.get(rel);
                if (nested == null) {
                    nested = attributes(store.schema().object(hop.referenceTo()), related, version);
                    target.put(rel, nested);
                }
                target = nested;
                current = related;
            }
            if (!broken) {
                target.put(path.leaf().name(), wire(current.get(path.leaf().name())));
            }
        }
        Map<String, Object> poison = store.poisoned.get(String.valueOf(rec.get("Id")));
        if (poison != null) {
            poison.forEach((field, value) -> {
                if (out.containsKey(field)) {
                    out.put(field, value); // only fields the query selected
                }
            });
        }
        return out;
    }

    static Map<String, Object> attributes(ObjectDef def, Map<String, Object> rec, String version) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("type", def.name());
        attributes.put("url", "/services/data/v" + version + "/sobjects/" + def.name() + "/" + rec.get("Id"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("attributes", attributes);
        return out;
    }

    static Object wire(Object value) {
        return value instanceof Instant i ? SfJson.format(i) : value;
    }
}
