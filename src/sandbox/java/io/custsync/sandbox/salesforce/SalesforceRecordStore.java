package io.custsync.sandbox.salesforce;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * All records of the org. Each type is a row space 0..size-1: rows below the seeded count are generated on
 * demand, rows that were ever written live in an override map, and new rows are appended. A record's Id
 * encodes its row, so lookups by Id need no index; external ids of written rows are indexed.
 *
 * <p>One read/write lock: queries read, writes (including whole composite requests) write.
 */
final class SalesforceRecordStore {

    private final Schema schema;
    private final SalesforceDataGenerator generator;
    private final Map<String, Table> tables = new HashMap<>();
    final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    /**
     * Fields a query answer shows wrongly for a record (by Id), as the raw JSON value: a malformed or impossible
     * datetime, a wrong type. The stored record (its order, its filters) is untouched; only what is served changes.
     */
    final Map<String, Map<String, Object>> poisoned = new java.util.concurrent.ConcurrentHashMap<>();

    SalesforceRecordStore(Schema schema, SalesforceDataGenerator generator) {
        this.schema = schema;
        this.generator = generator;
        for (ObjectDef def : schema.objects()) {
            tables.put(def.name(), new Table(def, generator.seededCount(def.name())));
        }
    }

    Schema schema() {
        return schema;
    }

    int size(ObjectDef def) {
        return tables.get(def.name()).size;
    }

    /** The current record of a row (a copy-safe immutable view is not needed: callers never mutate it). */
    Map<String, Object> get(ObjectDef def, int row) {
        Table t = tables.get(def.name());
        Map<String, Object> rec = t.overrides.get(row);
        return rec != null ? rec : generator.generate(def, row);
    }

    /** Row of an id of this type, or -1 when no such row exists. */
    int row(ObjectDef def, String id) {
        long seq = SalesforceIds.sequence(id, def.keyPrefix());
        return seq >= 0 && seq < size(def) ? (int) seq : -1;
    }

    /** The record with this id of any type, deleted ones included, or null. */
    Map<String, Object> byId(String id) {
        ObjectDef def = schema.byKeyPrefix(SalesforceIds.keyPrefix(id));
        if (def == null) {
            return null;
        }
        int row = row(def, id);
        return row < 0 ? null : get(def, row);
    }

    /** Rows whose external-id field equals the value (case-insensitively), deleted rows excluded. */
    List<Integer> findByExternalId(ObjectDef def, FieldDef field, String value) {
        Table t = tables.get(def.name());
        Set<Integer> candidates = new LinkedHashSet<>();
        int seededRow = generator.indexForExternalId(def.name(), field.name(), value);
        if (seededRow >= 0 && !t.overrides.containsKey(seededRow)) {
            candidates.add(seededRow);
        }
        candidates.addAll(t.extIndex.getOrDefault(field.name(), Map.of())
                .getOrDefault(value.toLowerCase(Locale.ROOT), Set.of()));
        List<Integer> rows = new ArrayList<>();
        for (int row : candidates) {
            Map<String, Object> rec = get(def, row);
            Object v = rec.get(field.name());
            if (!Boolean.TRUE.equals(rec.get("IsDeleted")) && v != null && v.toString().equalsIgnoreCase(value)) {
                rows.add(row);
            }
        }
        Collections.sort(rows);
        return rows;
    }

    /** Appends a new row and returns its index; undone by the transaction if it rolls back. */
    int allocate(ObjectDef def, Txn txn) {
        Table t = tables.get(def.name());
        int row = t.size++;
        txn.undo.push(() -> {
            t.overrides.remove(row);
            t.size--;
        });
        return row;
    }

    void put(ObjectDef def, int row, Map<String, Object> rec, Txn txn) {
        Table t = tables.get(def.name());
        Map<String, Object> previous = t.overrides.get(row);
        t.replace(row, previous, rec);
        txn.undo.push(() -> t.replace(row, rec, previous));
    }

    /** Collects undo actions so an allOrNone composite request can be rolled back as a whole. */
    static final class Txn {
        private final Deque<Runnable> undo = new ArrayDeque<>();
        private final List<Runnable> onCommit = new ArrayList<>();

        /** Runs when the transaction commits (counters must not count rolled-back writes). */
        void onCommit(Runnable action) {
            onCommit.add(action);
        }

        void commit() {
            undo.clear();
            onCommit.forEach(Runnable::run);
            onCommit.clear();
        }

        void rollback() {
            while (!undo.isEmpty()) {
                undo.pop().run();
            }
            onCommit.clear();
        }
    }

    private static final class Table {
        final ObjectDef def;
        int size;
        final Map<Integer, Map<String, Object>> overrides = new HashMap<>();
        /** external-id field -> lower-cased value -> rows, for rows in {@link #overrides} only. */
        final Map<String, Map<String, Set<Integer>>> extIndex = new HashMap<>();

        Table(ObjectDef def, int seeded) {
            this.def = def;
            this.size = seeded;
        }

        void replace(int row, Map<String, Object> oldRec, Map<String, Object> newRec) {
            for (FieldDef f : def.fields()) {
                if (!f.externalId()) {
                    continue;
                }
                Map<String, Set<Integer>> idx = extIndex.computeIfAbsent(f.name(), k -> new HashMap<>());
                if (oldRec != null && oldRec.get(f.name()) != null) {
                    String key = oldRec.get(f.name()).toString().toLowerCase(Locale.ROOT);
                    Set<Integer> rows = idx.get(key);
                    if (rows != null) {
                        rows.remove(row);
                        if (rows.isEmpty()) {
                            idx.remove(key);
                        }
                    }
                }
                if (newRec != null && newRec.get(f.name()) != null) {
                    idx.computeIfAbsent(newRec.get(f.name()).toString().toLowerCase(Locale.ROOT),
                            k -> new LinkedHashSet<>()).add(row);
                }
            }
            if (newRec == null) {
                overrides.remove(row);
            } else {
                overrides.put(row, Collections.unmodifiableMap(new LinkedHashMap<>(newRec)));
            }
        }
    }
}
