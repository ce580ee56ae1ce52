package io.custsync.sandbox.salesforce;

import io.custsync.sandbox.common.SandboxClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Creates, updates, deletes and upserts records with Salesforce's checks and error codes, and stamps
 * LastModifiedDate/SystemModstamp on every write. Callers hold the store's write lock and own the
 * transaction, so a composite allOrNone request can roll back everything it did.
 */
final class RecordWriter {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    /** How a write is made: through the API (all checks) or by the control API (at a chosen time, no rules). */
    record Mode(boolean api, Instant at) {
        static final Mode API = new Mode(true, null);

        static Mode control(Instant at) {
            return new Mode(false, at);
        }
    }

    record UpsertResult(String id, boolean created) {
    }

    private final SalesforceRecordStore store;
    private final SandboxClock clock;
    private final ValidationRules rules;
    private final SalesforceCounters counters;
    private final String integrationUserId;

    RecordWriter(SalesforceRecordStore store, SandboxClock clock, ValidationRules rules, SalesforceCounters counters) {
        this.store = store;
        this.clock = clock;
        this.rules = rules;
        this.counters = counters;
        this.integrationUserId = SalesforceIds.of("005", 0);
    }

    String create(ObjectDef def, Map<String, Object> body, Mode mode, SalesforceRecordStore.Txn txn) {
        checkWritable(def, mode, "inserted");
        if (body.containsKey("Id") || body.containsKey("id")) {
            throw new ApiError(400, "INVALID_FIELD", "cannot specify Id in an insert call", List.of("Id"));
        }
        Map<String, Object> rec = new LinkedHashMap<>();
        for (FieldDef f : def.fields()) {
            rec.put(f.name(), f.type() == FieldType.BOOLEAN ? Boolean.FALSE : null);
        }
        if (def.field("OwnerId") != null) {
            rec.put("OwnerId", integrationUserId);
        }
        if (Schema.USER.equals(def.name())) {
            rec.put("IsActive", Boolean.TRUE);
        }
        applyBody(def, rec, body, mode, true);
        int row = store.allocate(def, txn);
        String id = SalesforceIds.of(def.keyPrefix(), row);
        Instant at = at(mode);
        rec.put("Id", id);
        rec.put("CreatedDate", at);
        stamp(def, rec, at);
        validate(def, rec, row, mode);
        store.put(def, row, rec, txn);
        txn.onCommit(() -> counters.write(def.name(), "create"));
        return id;
    }

    void update(ObjectDef def, String id, Map<String, Object> body, Mode mode, SalesforceRecordStore.Txn txn) {
        checkWritable(def, mode, "updated");
        int row = existingRow(def, id);
        Object bodyId = body.containsKey("Id") ? body.get("Id") : body.get("id");
        if (bodyId != null && !id.equals(SalesforceIds.to18(bodyId.toString()))) {
            throw new ApiError(400, "INVALID_FIELD", "Id in the request body does not match the URL", List.of("Id"));
        }
        updateRow(def, row, body, mode, txn);
    }

    private void updateRow(ObjectDef def, int row, Map<String, Object> body, Mode mode, SalesforceRecordStore.Txn txn) {
        Map<String, Object> rec = new LinkedHashMap<>(store.get(def, row));
        applyBody(def, rec, body, mode, false);
        stamp(def, rec, at(mode));
        validate(def, rec, row, mode);
        store.put(def, row, rec, txn);
        txn.onCommit(() -> counters.write(def.name(), "update"));
    }

    void delete(ObjectDef def, String id, Mode mode, SalesforceRecordStore.Txn txn) {
        if (!def.hasIsDeleted()) {
            throw new ApiError(400, "INVALID_TYPE_FOR_OPERATION", "entity type cannot be deleted: " + def.name());
        }
        checkWritable(def, mode, "deleted");
        int row = existingRow(def, id);
        Map<String, Object> rec = new LinkedHashMap<>(store.get(def, row));
        rec.put("IsDeleted", Boolean.TRUE);
        stamp(def, rec, at(mode));
        store.put(def, row, rec, txn);
        txn.onCommit(() -> counters.write(def.name(), "delete"));
    }

    /**
     * Upsert by external id (or by "Id"). Several matches answer 300 with their URLs; a field that is not
     * an external id answers 404, both as Salesforce does.
     */
    UpsertResult upsert(ObjectDef def, String fieldName, String value, Map<String, Object> body, Mode mode,
            String version, SalesforceRecordStore.Txn txn) {
        if ("Id".equalsIgnoreCase(fieldName)) {
            String id = SalesforceIds.to18(value);
            if (id == null || store.row(def, id) < 0) {
                throw ApiError.notFound();
            }
            update(def, id, body, mode, txn);
            return new UpsertResult(id, false);
        }
        FieldDef field = def.field(fieldName);
        if (field == null || !field.externalId()) {
            throw new ApiError(404, "NOT_FOUND",
                    "Provided external ID field does not exist or is not accessible: " + fieldName);
        }
        List<Integer> rows = store.findByExternalId(def, field, value);
        if (rows.size() > 1) {
            List<String> urls = new ArrayList<>();
            for (int row : rows) {
                urls.add("/services/data/v" + version + "/sobjects/" + def.name() + "/"
                        + SalesforceIds.of(def.keyPrefix(), row));
            }
            throw new MultipleChoices(urls);
        }
        Map<String, Object> withKey = new LinkedHashMap<>(body);
        withKey.keySet().removeIf(k -> k.equalsIgnoreCase(field.name()));
        withKey.put(field.name(), value);
        if (rows.isEmpty()) {
            return new UpsertResult(create(def, withKey, mode, txn), true);
        }
        checkWritable(def, mode, "updated");
        int row = rows.get(0);
        updateRow(def, row, withKey, mode, txn);
        return new UpsertResult(SalesforceIds.of(def.keyPrefix(), row), false);
    }

    private void checkWritable(ObjectDef def, Mode mode, String verb) {
        if (mode.api() && !def.apiWritable()) {
            throw new ApiError(400, "INVALID_TYPE_FOR_OPERATION", "entity type cannot be " + verb + ": " + def.name());
        }
    }

    private int existingRow(ObjectDef def, String id) {
        String id18 = SalesforceIds.to18(id);
        int row = id18 == null ? -1 : store.row(def, id18);
        if (row < 0) {
            throw ApiError.notFound();
        }
        if (Boolean.TRUE.equals(store.get(def, row).get("IsDeleted"))) {
            throw new ApiError(404, "ENTITY_IS_DELETED", "entity is deleted");
        }
        return row;
    }

    private Instant at(Mode mode) {
        return mode.at() != null ? mode.at() : clock.now();
    }

    private static void stamp(ObjectDef def, Map<String, Object> rec, Instant at) {
        rec.put("LastModifiedDate", at);
        rec.put("SystemModstamp", at);
        if (def.field("Name") != null && !def.field("Name").createable()) {
            Object first = rec.get("FirstName");
            Object last = rec.get("LastName");
            rec.put("Name", ((first == null ? "" : first + " ") + (last == null ? "" : last)).trim());
        }
    }

    private void applyBody(ObjectDef def, Map<String, Object> rec, Map<String, Object> body, Mode mode, boolean insert) {
        List<String> readOnly = new ArrayList<>();
        for (Map.Entry<String, Object> e : body.entrySet()) {
            String key = e.getKey();
            if ("attributes".equals(key) || "Id".equalsIgnoreCase(key)) {
                continue;
            }
            FieldDef f = def.field(key);
            if (f == null) {
                throw new ApiError(400, "INVALID_FIELD",
                        "No such column '" + key + "' on sobject of type " + def.name(), List.of());
            }
            if (insert ? !f.createable() : !f.updateable()) {
                readOnly.add(f.name());
                continue;
            }
            rec.put(f.name(), convert(f, e.getValue()));
        }
        if (!readOnly.isEmpty()) {
            throw new ApiError(400, "INVALID_FIELD_FOR_INSERT_UPDATE", "Unable to create/update fields: "
                    + String.join(", ", readOnly) + ". Please check the security settings of this field and verify"
                    + " that it is read/write for your profile or permission set.", readOnly);
        }
    }

    private Object convert(FieldDef f, Object value) {
        if (value == null) {
            return f.type() == FieldType.BOOLEAN ? Boolean.FALSE : null;
        }
        if (value instanceof Map || value instanceof List) {
            throw jsonError(f, value);
        }
        switch (f.type()) {
            case BOOLEAN:
                if (value instanceof Boolean b) {
                    return b;
                }
                if ("true".equalsIgnoreCase(value.toString()) || "false".equalsIgnoreCase(value.toString())) {
                    return Boolean.parseBoolean(value.toString());
                }
                throw jsonError(f, value);
            case DOUBLE:
                if (value instanceof Number n) {
                    return n.doubleValue();
                }
                try {
                    return Double.parseDouble(value.toString());
                } catch (NumberFormatException ex) {
                    throw jsonError(f, value);
                }
            case REFERENCE:
                return value.toString().isEmpty() ? null : value.toString();
            default:
                String s = value.toString();
                return s.isEmpty() ? null : s;
        }
    }

    private static ApiError jsonError(FieldDef f, Object value) {
        String kind = value instanceof String ? "VALUE_STRING" : value instanceof Boolean ? "VALUE_" + value.toString().toUpperCase()
                : value instanceof Map ? "START_OBJECT" : value instanceof List ? "START_ARRAY" : "VALUE_NUMBER_INT";
        String target = f.type() == FieldType.DOUBLE ? "double" : f.type() == FieldType.BOOLEAN ? "boolean" : "String";
        return new ApiError(400, "JSON_PARSER_ERROR", "Cannot deserialize instance of " + target + " from " + kind
                + " value " + value + " or request may be missing a required field", List.of(f.name()));
    }

    /** Field-level checks, then the org's validation rules, then unique indexes: the order Salesforce runs them. */
    private void validate(ObjectDef def, Map<String, Object> rec, int row, Mode mode) {
        List<String> missing = new ArrayList<>();
        for (FieldDef f : def.fields()) {
            if (f.required() && rec.get(f.name()) == null) {
                missing.add(f.name());
            }
        }
        if (!missing.isEmpty()) {
            throw new ApiError(400, "REQUIRED_FIELD_MISSING", "Required fields are missing: " + missing, missing);
        }
        for (FieldDef f : def.fields()) {
            Object v = rec.get(f.name());
            if (v == null || !f.createable()) {
                continue;
            }
            if (v instanceof String s && f.length() > 0 && s.length() > f.length()) {
                throw new ApiError(400, "STRING_TOO_LONG", f.label() + ": data value too large: " + s
                        + " (max length=" + f.length() + ")", List.of(f.name()));
            }
            if (f.type() == FieldType.EMAIL && !EMAIL.matcher(v.toString()).matches()) {
                throw new ApiError(400, "INVALID_EMAIL_ADDRESS", f.label() + ": invalid email address: " + v,
                        List.of(f.name()));
            }
            if (f.type() == FieldType.PICKLIST && f.restrictedPicklist() && !f.picklistValues().contains(v.toString())) {
                throw new ApiError(400, "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST", f.label()
                        + ": bad value for restricted picklist field: " + v, List.of(f.name()));
            }
            if (f.type() == FieldType.REFERENCE) {
                checkReference(f, v.toString());
                rec.put(f.name(), SalesforceIds.to18(v.toString()));
            }
        }
        if (mode.api()) {
            rules.check(def, rec);
        }
        for (FieldDef f : def.fields()) {
            Object v = rec.get(f.name());
            if (mode.api() && f.unique() && v != null) {
                for (int other : store.findByExternalId(def, f, v.toString())) {
                    if (other != row) {
                        throw new ApiError(400, "DUPLICATE_VALUE", "duplicate value found: " + f.name()
                                + " duplicates value on record with id: " + SalesforceIds.of(def.keyPrefix(), other),
                                List.of());
                    }
                }
            }
        }
    }

    private void checkReference(FieldDef f, String value) {
        String id = SalesforceIds.to18(value);
        String label = f.label().replace(" ID", "");
        if (id == null) {
            throw new ApiError(400, "MALFORMED_ID", label + ": id value of incorrect type: " + value, List.of(f.name()));
        }
        ObjectDef target = store.schema().object(f.referenceTo());
        if (!id.startsWith(target.keyPrefix())) {
            throw new ApiError(400, "FIELD_INTEGRITY_EXCEPTION", label + ": id value of incorrect type: " + value,
                    List.of(f.name()));
        }
        Map<String, Object> ref = store.byId(id);
        if (ref == null) {
            throw new ApiError(400, "INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id", List.of(f.name()));
        }
        if (Boolean.TRUE.equals(ref.get("IsDeleted"))) {
            throw new ApiError(400, "ENTITY_IS_DELETED", "entity is deleted", List.of(f.name()));
        }
    }
}
