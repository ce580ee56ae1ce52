package io.custsync.sandbox.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import io.custsync.sandbox.common.SandboxRequest;
import io.custsync.sandbox.common.SandboxResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * sObject Collections ({@code /composite/sobjects}): up to 200 records per call with per-record results.
 * With allOrNone, one failure rolls every record back and the others report
 * ALL_OR_NONE_OPERATION_ROLLED_BACK, as Salesforce does.
 */
final class CompositeApi {

    private static final int MAX_RECORDS = 200;

    private final SalesforceRecordStore store;
    private final RecordWriter writer;

    CompositeApi(SalesforceRecordStore store, RecordWriter writer) {
        this.store = store;
        this.writer = writer;
    }

    /** One record's outcome; {@code created} is only reported by upserts. */
    private record Saved(String id, Boolean created) {
    }

    private interface RecordOp {
        Saved apply(Map<String, Object> record, SalesforceRecordStore.Txn txn);
    }

    SandboxResponse create(SandboxRequest req) {
        return save(req, (rec, txn) -> new Saved(
                writer.create(type(rec), withoutAttributes(rec), RecordWriter.Mode.API, txn), null));
    }

    SandboxResponse update(SandboxRequest req) {
        return save(req, (rec, txn) -> {
            Object id = rec.get("Id") != null ? rec.get("Id") : rec.get("id");
            if (id == null) {
                throw new ApiError(400, "MISSING_ARGUMENT", "Id not specified in an update call", List.of());
            }
            writer.update(type(rec), id.toString(), withoutAttributes(rec), RecordWriter.Mode.API, txn);
            return new Saved(SalesforceIds.to18(id.toString()), null);
        });
    }

    /** PATCH /composite/sobjects/{type}/{externalIdField}: each record upserted by its own external-id value. */
    SandboxResponse upsert(SandboxRequest req, ObjectDef def, String field, String version) {
        return save(req, (rec, txn) -> {
            Object value = null;
            for (Map.Entry<String, Object> e : rec.entrySet()) {
                if (e.getKey().equalsIgnoreCase(field)) {
                    value = e.getValue();
                }
            }
            if (value == null) {
                throw new ApiError(400, "MISSING_ARGUMENT", field + " not specified", List.of(field));
            }
            if (!def.name().equals(type(rec).name())) {
                throw new ApiError(400, "INVALID_TYPE", "Record type does not match the URL", List.of());
            }
            try {
                RecordWriter.UpsertResult r = writer.upsert(def, field, value.toString(), withoutAttributes(rec),
                        RecordWriter.Mode.API, version, txn);
                return new Saved(r.id(), r.created());
            } catch (MultipleChoices e) {
                throw new ApiError(300, "DUPLICATE_EXTERNAL_ID", "Foreign key external ID: " + value
                        + " matched " + e.urls().size() + " records", List.of(field));
            }
        });
    }

    SandboxResponse delete(SandboxRequest req) {
        String ids = req.query().getOrDefault("ids", "");
        boolean allOrNone = Boolean.parseBoolean(req.query().getOrDefault("allOrNone", "false"));
        List<Map<String, Object>> records = new ArrayList<>();
        for (String id : ids.split(",")) {
            if (!id.isBlank()) {
                Map<String, Object> rec = new LinkedHashMap<>();
                rec.put("Id", id.trim());
                records.add(rec);
            }
        }
        return run(records, allOrNone, (rec, txn) -> {
            String id = rec.get("Id").toString();
            ObjectDef def = store.schema().byKeyPrefix(SalesforceIds.keyPrefix(id));
            if (def == null || SalesforceIds.to18(id) == null) {
                throw new ApiError(400, "MALFORMED_ID", "malformed id " + id, List.of());
            }
            writer.delete(def, id, RecordWriter.Mode.API, txn);
            return new Saved(SalesforceIds.to18(id), null);
        }, true);
    }

    /** GET /composite/sobjects/{type}?ids=...&fields=...: records in id order, null where none exists. */
    SandboxResponse retrieve(ObjectDef def, SandboxRequest req, String version) {
        String fields = req.query("fields");
        if (fields == null || fields.isBlank()) {
            throw new ApiError(400, "MISSING_ARGUMENT", "fields parameter is required");
        }
        List<Object> out = new ArrayList<>();
        store.lock.readLock().lock();
        try {
            for (String id : req.query().getOrDefault("ids", "").split(",")) {
                String id18 = SalesforceIds.to18(id.trim());
                int row = id18 == null ? -1 : store.row(def, id18);
                Map<String, Object> rec = row < 0 ? null : store.get(def, row);
                out.add(rec == null || Boolean.TRUE.equals(rec.get("IsDeleted")) ? null
                        : SObjectApi.render(def, rec, fields, version));
            }
        } finally {
            store.lock.readLock().unlock();
        }
        return SfJson.response(200, out);
    }

    private SandboxResponse save(SandboxRequest req, RecordOp op) {
        JsonNode body = SfJson.body(req);
        JsonNode records = body.get("records");
        if (records == null || !records.isArray()) {
            throw new ApiError(400, "JSON_PARSER_ERROR", "records is required");
        }
        List<Map<String, Object>> list = new ArrayList<>();
        records.forEach(n -> list.add(n.isObject() ? SfJson.toMap(n) : Map.of()));
        return run(list, body.path("allOrNone").asBoolean(false), op, false);
    }

    private SandboxResponse run(List<Map<String, Object>> records, boolean allOrNone, RecordOp op, boolean deleteResults) {
        if (records.size() > MAX_RECORDS) {
            throw new ApiError(400, "EXCEEDED_ID_LIMIT",
                    "record limit reached. cannot submit more than 200 records into this call");
        }
        List<Map<String, Object>> results = new ArrayList<>();
        List<SalesforceRecordStore.Txn> done = new ArrayList<>();
        boolean failed = false;
        store.lock.writeLock().lock();
        try {
            for (Map<String, Object> rec : records) {
                SalesforceRecordStore.Txn txn = new SalesforceRecordStore.Txn();
                try {
                    Saved saved = op.apply(rec, txn);
                    done.add(txn);
                    results.add(SObjectApi.result(saved.id(), saved.created()));
                } catch (ApiError e) {
                    txn.rollback();
                    done.add(null);
                    failed = true;
                    Map<String, Object> r = new LinkedHashMap<>();
                    if (deleteResults) {
                        r.put("id", rec.get("Id"));
                    }
                    r.put("success", false);
                    r.put("errors", List.of(e.recordError()));
                    results.add(r);
                }
            }
            if (allOrNone && failed) {
                for (int i = done.size() - 1; i >= 0; i--) {
                    if (done.get(i) != null) {
                        done.get(i).rollback();
                        Map<String, Object> r = new LinkedHashMap<>();
                        r.put("success", false);
                        r.put("errors", List.of(new ApiError(400, "ALL_OR_NONE_OPERATION_ROLLED_BACK",
                                "Record rolled back because not all records were valid and the request was using"
                                        + " AllOrNone header", List.of()).recordError()));
                        results.set(i, r);
                    }
                }
            } else {
                done.stream().filter(t -> t != null).forEach(SalesforceRecordStore.Txn::commit);
            }
        } finally {
            store.lock.writeLock().unlock();
        }
        return SfJson.response(200, results);
    }

    private ObjectDef type(Map<String, Object> rec) {
        Object attributes = rec.get("attributes");
        Object type = attributes instanceof Map<?, ?> m ? m.get("type") : null;
        ObjectDef def = type == null ? null : store.schema().object(type.toString());
        if (def == null) {
            throw new ApiError(400, "INVALID_TYPE", type == null ? "Must send a concrete entity type."
                    : "sObject type '" + type + "' is not supported.", List.of());
        }
        return def;
    }

    private static Map<String, Object> withoutAttributes(Map<String, Object> rec) {
        Map<String, Object> copy = new LinkedHashMap<>(rec);
        copy.remove("attributes");
        return copy;
    }
}
