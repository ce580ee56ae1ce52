package io.custsync.sandbox.intercom;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Runs a search body ({query, pagination, sort}) against a store. Sorting by updated_at (the store order) seeks to the
 * query's updated_at range and to the cursor and reads one page; a pure updated_at range is even counted without
 * generating records. Key equality (contact email / external_id / id, conversation id) is a lookup. Anything else
 * (other filters' total_count, other sort fields) scans the updated_at range: instant on test-sized data, about a
 * second per full pass over a million contacts.
 */
final class SearchRunner<T extends Model.Rec> {
    record Page<T>(List<T> items, long total, int page, int perPage, String next) {
    }

    private final RecordStore<T> store;
    private final SearchQuery.Schema schema;
    private final BiFunction<T, String, Object> fields;
    /** Search is eventually consistent: records written moments ago may not be indexed yet. */
    private final java.util.function.Predicate<T> indexed;

    SearchRunner(RecordStore<T> store, SearchQuery.Schema schema, BiFunction<T, String, Object> fields) {
        this(store, schema, fields, r -> true);
    }

    SearchRunner(RecordStore<T> store, SearchQuery.Schema schema, BiFunction<T, String, Object> fields,
            java.util.function.Predicate<T> indexed) {
        this.store = store;
        this.schema = schema;
        this.fields = fields;
        this.indexed = indexed;
    }

    /** Key lookups (e.g. email = x) that replace a scan: returns the only records that can match, or null. */
    private java.util.function.Function<SearchQuery, java.util.Collection<T>> lookup = q -> null;

    SearchRunner<T> withLookup(java.util.function.Function<SearchQuery, java.util.Collection<T>> lookup) {
        this.lookup = lookup;
        return this;
    }

    private boolean matches(SearchQuery q, T r) {
        return indexed.test(r) && q.matches(f -> fields.apply(r, f));
    }

    Page<T> run(JsonNode body, int defaultPerPage, int maxPerPage) {
        SearchQuery q = SearchQuery.parse(body.get("query"), schema);
        JsonNode pagination = body.path("pagination");
        Integer requested = pagination.hasNonNull("per_page") ? pagination.get("per_page").asInt() : null;
        int perPage = Paging.perPage(requested, defaultPerPage, maxPerPage);
        Paging.Cursor cursor = Paging.decode(pagination.path("starting_after").asText(null));
        String sortField = body.path("sort").path("field").asText("updated_at");
        String order = body.path("sort").path("order").asText("descending");
        if (!order.equals("ascending") && !order.equals("descending")) {
            throw new ApiException(400, "invalid_sort_order", "Sort order must be ascending or descending");
        }
        boolean asc = order.equals("ascending");
        SearchQuery.Type sortType = schema.typeOf(sortField);
        if (sortType == null || (sortType != SearchQuery.Type.DATE && sortType != SearchQuery.Type.INTEGER)) {
            throw new ApiException(400, "parameter_invalid", "Cannot sort by '" + sortField + "'", "sort.field");
        }
        long[] range = q.range("updated_at");
        int page = cursor == null ? 1 : cursor.page();
        java.util.Collection<T> direct = lookup.apply(q);
        if (sortField.equals("updated_at") && direct == null) {
            long[] after = cursor == null ? null : new long[] {cursor.sortValue(), cursor.idx()};
            Iterator<T> it = store.bySortTime(asc, range[0], range[1], after);
            List<T> items = new ArrayList<>();
            boolean more = false;
            while (it.hasNext()) {
                T r = it.next();
                if (!matches(q, r)) {
                    continue;
                }
                if (items.size() == perPage) {
                    more = true;
                    break;
                }
                items.add(r);
            }
            long total = q.isPureRange("updated_at") ? store.countSortTimeRange(range[0], range[1], indexed)
                    : cachedCount(body.get("query").toString(), q, range);
            T last = items.isEmpty() ? null : items.get(items.size() - 1);
            String next = more ? Paging.encode(page + 1, last.updatedAt, last.idx) : null;
            return new Page<>(items, total, page, perPage, next);
        }
        // Key lookups and other sort fields: collect the matching (value, idx) pairs, sort, slice after the cursor.
        List<long[]> keys = new ArrayList<>();
        Iterator<T> it = direct != null ? direct.iterator() : store.bySortTime(true, range[0], range[1], null);
        while (it.hasNext()) {
            T r = it.next();
            if (r != null && r.visible() && matches(q, r)) {
                Object v = fields.apply(r, sortField);
                keys.add(new long[] {v == null ? Long.MIN_VALUE : ((Number) v).longValue(), r.idx});
            }
        }
        Comparator<long[]> cmp = RecordStore::compareKeys;
        keys.sort(asc ? cmp : cmp.reversed());
        int from = 0;
        if (cursor != null) {
            long[] c = {cursor.sortValue(), cursor.idx()};
            while (from < keys.size() && (asc ? cmp.compare(keys.get(from), c) <= 0 : cmp.compare(keys.get(from), c) >= 0)) {
                from++;
            }
        }
        List<T> items = new ArrayList<>();
        for (int i = from; i < Math.min(keys.size(), from + perPage); i++) {
            items.add(store.get(keys.get(i)[1]));
        }
        boolean more = from + perPage < keys.size();
        long[] lastKey = more ? keys.get(from + perPage - 1) : null;
        String next = more ? Paging.encode(page + 1, lastKey[0], lastKey[1]) : null;
        return new Page<>(items, keys.size(), page, perPage, next);
    }

    /** Scanned totals per (query, data version): paging through a filtered search counts once, not per page. */
    private final java.util.Map<String, Long> counts = new java.util.LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<String, Long> eldest) {
            return size() > 64;
        }
    };
    private java.util.function.LongSupplier countEpoch = () -> 0;

    /** Anything besides the data version that changes which records match (e.g. the clock, for search lag). */
    SearchRunner<T> withCountEpoch(java.util.function.LongSupplier epoch) {
        this.countEpoch = epoch;
        return this;
    }

    private long cachedCount(String queryText, SearchQuery q, long[] range) {
        String key = store.version() + "|" + countEpoch.getAsLong() + "|" + queryText;
        synchronized (counts) {
            Long cached = counts.get(key);
            if (cached != null) {
                return cached;
            }
        }
        long n = count(q, range);
        synchronized (counts) {
            counts.put(key, n);
        }
        return n;
    }

    private long count(SearchQuery q, long[] range) {
        long n = 0;
        Iterator<T> it = store.bySortTime(true, range[0], range[1], null);
        while (it.hasNext()) {
            T r = it.next();
            if (matches(q, r)) {
                n++;
            }
        }
        return n;
    }
}
