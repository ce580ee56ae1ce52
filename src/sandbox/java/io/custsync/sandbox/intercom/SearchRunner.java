package io.custsync.sandbox.intercom;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Runs a search body ({query, pagination, sort}) against a store. Sorting by updated_at (the store order) seeks to the
 * query's updated_at range and to the cursor and reads one page (see {@link #run} for what a cursor is bound to); a pure updated_at range is even counted without
 * generating records. Key equality (contact email / external_id / id, conversation id) is a lookup. Anything else
 * (other filters' total_count, other sort fields) scans the updated_at range: instant on test-sized data, about a
 * second per full pass over a million contacts.
 */
final class SearchRunner<T extends Model.Rec> {
    record Page<T>(List<T> items, long total, int page, int perPage, String next) {
    }

    private final IntercomRecordStore<T> store;
    private final SearchQuery.Schema schema;
    private final BiFunction<T, String, Object> fields;
    /** Search is eventually consistent: records written moments ago may not be indexed yet. */
    private final java.util.function.Predicate<T> indexed;

    SearchRunner(IntercomRecordStore<T> store, SearchQuery.Schema schema, BiFunction<T, String, Object> fields) {
        this(store, schema, fields, r -> true);
    }

    SearchRunner(IntercomRecordStore<T> store, SearchQuery.Schema schema, BiFunction<T, String, Object> fields,
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

    /** Salts of the searches begun here: each orders records with equal sort values its own way. */
    private final java.util.concurrent.atomic.AtomicLong searches = new java.util.concurrent.atomic.AtomicLong();
    private long seed;

    SearchRunner<T> withSeed(long seed) {
        this.seed = seed;
        return this;
    }

    /** Cursors handed out and not used yet: each is answered once (the oldest are forgotten beyond 10,000). */
    private final java.util.Map<String, Boolean> unused = new java.util.LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<String, Boolean> eldest) {
            return size() > 10_000;
        }
    };

    private String handOut(Paging.SearchCursor cursor) {
        String text = Paging.encode(cursor);
        synchronized (unused) {
            unused.put(text, Boolean.TRUE);
        }
        return text;
    }

    /** A record's place among records with the same sort value, in the order of the search with this salt. */
    private static long tie(long idx, long salt) {
        return Ids.mix(idx ^ salt);
    }

    /**
     * Runs one page of a search. Where the docs are silent the least convenient legal behaviour is taken: a cursor
     * is answered only with the query, sort and page size that made it, and only once (a retried page, a cursor kept
     * for later: 400 parameter_invalid); records with
     * equal sort values come in an order of the search's own, another for the next search; and pages keep the
     * positions the result set had when the search began, so a record changed meanwhile comes at its old place with
     * what it holds now (or not at all, when it no longer matches), and one created meanwhile does not come.
     */
    Page<T> run(JsonNode body, int defaultPerPage, int maxPerPage) {
        SearchQuery q = SearchQuery.parse(body.get("query"), schema);
        JsonNode pagination = body.path("pagination");
        Integer requested = pagination.hasNonNull("per_page") ? pagination.get("per_page").asInt() : null;
        int perPage = Paging.perPage(requested, defaultPerPage, maxPerPage);
        Paging.SearchCursor cursor = Paging.decodeSearch(pagination.path("starting_after").asText(null));
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
        int binding = java.util.Objects.hash(body.get("query"), sortField, order, perPage);
        if (cursor != null && cursor.binding() != binding) {
            throw new ApiException(400, "parameter_invalid",
                    "starting_after belongs to another search: use it only with the query, sort and per_page that returned it",
                    "starting_after");
        }
        if (cursor != null) {
            synchronized (unused) {
                if (unused.remove(pagination.path("starting_after").asText()) == null) {
                    throw new ApiException(400, "parameter_invalid",
                            "starting_after was used already or has expired: start the search again", "starting_after");
                }
            }
        }
        long salt = cursor != null ? cursor.salt() : Ids.mix(seed + searches.incrementAndGet());
        long asOf = cursor != null ? cursor.asOf() : store.version();
        long[] range = q.range("updated_at");
        int page = cursor == null ? 1 : cursor.page();
        java.util.Collection<T> direct = lookup.apply(q);
        if (sortField.equals("updated_at") && direct == null) {
            // From the start of the cursor's sort value: its equals are ordered by tie, not by index.
            long[] from = cursor == null ? null : new long[] {cursor.sortValue(), asc ? Long.MIN_VALUE : Long.MAX_VALUE};
            Iterator<IntercomRecordStore.Hit<T>> it = store.ordered(asc, range[0], range[1], from, asOf);
            List<IntercomRecordStore.Hit<T>> items = new ArrayList<>();
            List<IntercomRecordStore.Hit<T>> equals = new ArrayList<>();
            boolean more = false;
            while (!more) {
                IntercomRecordStore.Hit<T> h = it.hasNext() ? it.next() : null;
                if (h != null && (equals.isEmpty() || equals.get(0).sortTime() == h.sortTime())) {
                    equals.add(h);
                    continue;
                }
                equals.sort(Comparator.comparingLong(e -> tie(e.rec().idx, salt)));
                for (IntercomRecordStore.Hit<T> e : equals) {
                    if (cursor != null && e.sortTime() == cursor.sortValue() && tie(e.rec().idx, salt) <= cursor.tie()) {
                        continue;
                    }
                    if (!matches(q, e.rec())) {
                        continue;
                    }
                    if (items.size() == perPage) {
                        more = true;
                        break;
                    }
                    items.add(e);
                }
                equals.clear();
                if (h == null) {
                    break;
                }
                equals.add(h);
            }
            long total = q.isPureRange("updated_at") ? store.countSortTimeRange(range[0], range[1], indexed)
                    : cachedCount(body.get("query").toString(), q, range);
            IntercomRecordStore.Hit<T> last = items.isEmpty() ? null : items.get(items.size() - 1);
            String next = more ? handOut(new Paging.SearchCursor(page + 1, last.sortTime(), tie(last.rec().idx, salt),
                    asOf, salt, binding)) : null;
            return new Page<>(items.stream().map(IntercomRecordStore.Hit::rec).toList(), total, page, perPage, next);
        }
        // Key lookups and other sort fields: collect the matching (value, tie) pairs, sort, slice after the cursor.
        List<long[]> keys = new ArrayList<>();
        Iterator<T> it = direct != null ? direct.iterator() : store.bySortTime(true, range[0], range[1], null);
        while (it.hasNext()) {
            T r = it.next();
            if (r != null && r.visible() && matches(q, r)) {
                Object v = fields.apply(r, sortField);
                keys.add(new long[] {v == null ? Long.MIN_VALUE : ((Number) v).longValue(), tie(r.idx, salt), r.idx});
            }
        }
        Comparator<long[]> byValue = Comparator.comparingLong(k -> k[0]);
        Comparator<long[]> cmp = (asc ? byValue : byValue.reversed()).thenComparingLong(k -> k[1]);
        keys.sort(cmp);
        int from = 0;
        if (cursor != null) {
            long[] c = {cursor.sortValue(), cursor.tie()};
            while (from < keys.size() && cmp.compare(keys.get(from), c) <= 0) {
                from++;
            }
        }
        List<T> items = new ArrayList<>();
        for (int i = from; i < Math.min(keys.size(), from + perPage); i++) {
            items.add(store.get(keys.get(i)[2]));
        }
        boolean more = from + perPage < keys.size();
        long[] lastKey = more ? keys.get(from + perPage - 1) : null;
        String next = more ? handOut(new Paging.SearchCursor(page + 1, lastKey[0], lastKey[1], asOf, salt, binding)) : null;
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
