package io.custsync.sandbox.salesforce;

import io.custsync.sandbox.common.Faults;
import io.custsync.sandbox.common.SandboxClock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Test-side levers of the sandbox, also served over HTTP under {@code /_sandbox/} (no auth, not counted).
 * Record writes made here skip validation rules and unique checks (like a data load), may touch read-only
 * objects such as User, and take an explicit modification time.
 */
public final class SalesforceControl {

    private final Schema schema;
    private final SalesforceRecordStore store;
    private final RecordWriter writer;
    private final SandboxClock clock;
    private final AuthService auth;
    private final ApiLimits limits;
    private final ValidationRules rules;
    private final Faults faults;
    private final SalesforceCounters counters;

    SalesforceControl(Schema schema, SalesforceRecordStore store, RecordWriter writer, SandboxClock clock, AuthService auth,
            ApiLimits limits, ValidationRules rules, Faults faults, SalesforceCounters counters) {
        this.schema = schema;
        this.store = store;
        this.writer = writer;
        this.clock = clock;
        this.auth = auth;
        this.limits = limits;
        this.rules = rules;
        this.faults = faults;
        this.counters = counters;
    }

    // ---- clock

    public Instant now() {
        return clock.now();
    }

    public void advanceClock(Duration by) {
        clock.advance(by);
    }

    public void setClock(Instant to) {
        clock.set(to);
    }

    public void freezeClock() {
        clock.freeze();
    }

    public void unfreezeClock() {
        clock.unfreeze();
    }

    // ---- records

    /** Creates a record as if saved at {@code modifiedAt} (null: now); returns its id. */
    public String createRecord(String type, Map<String, Object> fields, Instant modifiedAt) {
        ObjectDef def = object(type);
        return write(txn -> writer.create(def, fields, RecordWriter.Mode.control(modifiedAt), txn));
    }

    public void updateRecord(String type, String id, Map<String, Object> fields, Instant modifiedAt) {
        ObjectDef def = object(type);
        write(txn -> {
            writer.update(def, id, fields, RecordWriter.Mode.control(modifiedAt), txn);
            return null;
        });
    }

    public void deleteRecord(String type, String id, Instant modifiedAt) {
        ObjectDef def = object(type);
        write(txn -> {
            writer.delete(def, id, RecordWriter.Mode.control(modifiedAt), txn);
            return null;
        });
    }

    /** The stored record (deleted ones too) with datetimes in Salesforce's format, or null. */
    public Map<String, Object> record(String id) {
        store.lock.readLock().lock();
        try {
            Map<String, Object> rec = store.byId(id);
            if (rec == null) {
                return null;
            }
            Map<String, Object> out = new LinkedHashMap<>();
            rec.forEach((k, v) -> out.put(k, QueryService.wire(v)));
            return out;
        } finally {
            store.lock.readLock().unlock();
        }
    }

    /**
     * Query answers show {@code field} of record {@code id} as {@code wireValue} from now on (e.g. a SystemModstamp
     * that is not a datetime): a poison record for the client to keep aside. The record itself is unchanged.
     */
    public void poisonRecord(String id, String field, Object wireValue) {
        store.poisoned.computeIfAbsent(id, k -> new java.util.concurrent.ConcurrentHashMap<>()).put(field, wireValue);
    }

    public void curePoison(String id) {
        store.poisoned.remove(id);
    }

    /** Id of the seeded or created record at a row, so tests can name records without querying. */
    public String idOf(String type, int row) {
        return SalesforceIds.of(object(type).keyPrefix(), row);
    }

    public int recordCount(String type) {
        store.lock.readLock().lock();
        try {
            return store.size(object(type));
        } finally {
            store.lock.readLock().unlock();
        }
    }

    // ---- sessions and limits

    /** Every access token stops working; the next API call answers 401 INVALID_SESSION_ID. */
    public void expireAllSessions() {
        auth.expireAllSessions();
    }

    /** The refresh token (and its sessions) stop working; logins with it answer invalid_grant. */
    public void revokeRefreshToken() {
        auth.revokeRefreshToken();
    }

    public void restoreRefreshToken() {
        auth.restoreRefreshToken();
    }

    public int activeSessions() {
        return auth.activeSessions();
    }

    public void setRemainingDailyApiRequests(long remaining) {
        limits.setRemaining(remaining);
    }

    public long remainingDailyApiRequests() {
        return limits.remaining();
    }

    // ---- validation rules and faults

    /** Rejects API writes that leave {@code field} equal to {@code value} with FIELD_CUSTOM_VALIDATION_EXCEPTION. */
    public String addValidationRule(String type, String field, String value, String message, String errorField) {
        ObjectDef def = object(type);
        if (def.field(field) == null || (errorField != null && def.field(errorField) == null)) {
            throw new IllegalArgumentException("no such field on " + type);
        }
        return rules.add(def.name(), field, value, message, errorField).id();
    }

    public void clearValidationRules() {
        rules.clear();
    }

    public Faults.Rule addFault(Faults.Rule rule) {
        return faults.add(rule);
    }

    public void clearFaults() {
        faults.clear();
    }

    // ---- counters

    public SalesforceCounters counters() {
        return counters;
    }

    public void resetCounters() {
        counters.reset();
    }

    public Map<String, Object> state() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("clock", SfJson.format(clock.now()));
        out.put("clockFrozen", clock.isFrozen());
        out.put("activeSessions", auth.activeSessions());
        out.put("apiUsage", Map.of("used", limits.used(), "max", limits.max(), "remaining", limits.remaining()));
        out.put("records", schema.objects().stream().collect(LinkedHashMap::new,
                (m, d) -> m.put(d.name(), recordCount(d.name())), Map::putAll));
        out.put("validationRules", rules.rules());
        out.put("faults", faults.rules().stream().map(f -> Map.of("kind", f.kind().name(), "path", f.pattern(),
                "fired", f.fired())).toList());
        out.put("counters", counters.toMap());
        return out;
    }

    private ObjectDef object(String type) {
        ObjectDef def = schema.object(type);
        if (def == null) {
            throw new IllegalArgumentException("unknown sObject type " + type);
        }
        return def;
    }

    private <T> T write(SObjectApi.Work<T> work) {
        store.lock.writeLock().lock();
        SalesforceRecordStore.Txn txn = new SalesforceRecordStore.Txn();
        try {
            T result = work.run(txn);
            txn.commit();
            return result;
        } catch (RuntimeException e) {
            txn.rollback();
            throw e;
        } finally {
            store.lock.writeLock().unlock();
        }
    }
}
