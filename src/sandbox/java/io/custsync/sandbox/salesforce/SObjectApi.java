package io.custsync.sandbox.salesforce;

import io.custsync.sandbox.common.SandboxResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The sObject resources: get/create/update/delete by Id, get/upsert/delete by external id. */
final class SObjectApi {

    private final SalesforceRecordStore store;
    private final RecordWriter writer;

    SObjectApi(SalesforceRecordStore store, RecordWriter writer) {
        this.store = store;
        this.writer = writer;
    }

    SandboxResponse get(ObjectDef def, String id, String fields, String version) {
        store.lock.readLock().lock();
        try {
            String id18 = SalesforceIds.to18(id);
            int row = id18 == null ? -1 : store.row(def, id18);
            if (row < 0) {
                throw ApiError.notFound();
            }
            return SfJson.response(200, render(def, store.get(def, row), fields, version));
        } finally {
            store.lock.readLock().unlock();
        }
    }

    SandboxResponse getByExternalId(ObjectDef def, String field, String value, String fields, String version) {
        store.lock.readLock().lock();
        try {
            FieldDef f = def.field(field);
            if (f == null || !(f.externalId() || f.type() == FieldType.ID)) {
                throw new ApiError(404, "NOT_FOUND", "Provided external ID field does not exist or is not accessible: " + field);
            }
            if (f.type() == FieldType.ID) {
                return get(def, value, fields, version);
            }
            List<Integer> rows = store.findByExternalId(def, f, value);
            if (rows.isEmpty()) {
                throw ApiError.notFound();
            }
            if (rows.size() > 1) {
                throw new MultipleChoices(rows.stream().map(r -> "/services/data/v" + version + "/sobjects/"
                        + def.name() + "/" + SalesforceIds.of(def.keyPrefix(), r)).toList());
            }
            return SfJson.response(200, render(def, store.get(def, rows.get(0)), fields, version));
        } finally {
            store.lock.readLock().unlock();
        }
    }

    /** A whole record (or the requested fields) as the sObject GET returns it; deleted rows are gone. */
    static Map<String, Object> render(ObjectDef def, Map<String, Object> rec, String fields, String version) {
        if (Boolean.TRUE.equals(rec.get("IsDeleted"))) {
            throw new ApiError(404, "ENTITY_IS_DELETED", "entity is deleted");
        }
        Map<String, Object> out = QueryService.attributes(def, rec, version);
        if (fields == null || fields.isBlank()) {
            rec.forEach((k, v) -> out.put(k, QueryService.wire(v)));
            return out;
        }
        for (String name : fields.split(",")) {
            FieldDef f = def.field(name.trim());
            if (f == null) {
                throw new ApiError(400, "INVALID_FIELD", "No such column '" + name.trim() + "' on entity '"
                        + def.name() + "'. If you are attempting to use a custom field, be sure to append the '__c'"
                        + " after the custom field name. Please reference your WSDL or the describe call for the"
                        + " appropriate names.");
            }
            out.put(f.name(), QueryService.wire(rec.get(f.name())));
        }
        return out;
    }

    SandboxResponse create(ObjectDef def, Map<String, Object> body) {
        String id = write(txn -> writer.create(def, body, RecordWriter.Mode.API, txn));
        return SfJson.response(201, result(id, null));
    }

    SandboxResponse update(ObjectDef def, String id, Map<String, Object> body) {
        write(txn -> {
            writer.update(def, id, body, RecordWriter.Mode.API, txn);
            return null;
        });
        return SandboxResponse.empty(204);
    }

    SandboxResponse delete(ObjectDef def, String id) {
        write(txn -> {
            writer.delete(def, id, RecordWriter.Mode.API, txn);
            return null;
        });
        return SandboxResponse.empty(204);
    }

    /**
     * 201 with {@code created:true} for a new record. An update answers 204 before API 46.0 and 200 with
     * {@code created:false} from 46.0 on, as Salesforce changed it in Summer '19.
     */
    SandboxResponse upsert(ObjectDef def, String field, String value, Map<String, Object> body, String version) {
        RecordWriter.UpsertResult r = write(txn -> writer.upsert(def, field, value, body, RecordWriter.Mode.API,
                version, txn));
        if (r.created()) {
            return SfJson.response(201, result(r.id(), true));
        }
        return Double.parseDouble(version) < 46.0 ? SandboxResponse.empty(204) : SfJson.response(200, result(r.id(), false));
    }

    SandboxResponse deleteByExternalId(ObjectDef def, String field, String value, String version) {
        write(txn -> {
            FieldDef f = def.field(field);
            if (f == null || !f.externalId()) {
                throw new ApiError(404, "NOT_FOUND", "Provided external ID field does not exist or is not accessible: " + field);
            }
            List<Integer> rows = store.findByExternalId(def, f, value);
            if (rows.isEmpty()) {
                throw ApiError.notFound();
            }
            if (rows.size() > 1) {
                throw new MultipleChoices(rows.stream().map(r -> "/services/data/v" + version + "/sobjects/"
                        + def.name() + "/" + SalesforceIds.of(def.keyPrefix(), r)).toList());
            }
            writer.delete(def, SalesforceIds.of(def.keyPrefix(), rows.get(0)), RecordWriter.Mode.API, txn);
            return null;
        });
        return SandboxResponse.empty(204);
    }

    static Map<String, Object> result(String id, Boolean created) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("success", true);
        out.put("errors", List.of());
        if (created != null) {
            out.put("created", created);
        }
        return out;
    }

    interface Work<T> {
        T run(SalesforceRecordStore.Txn txn);
    }

    /** Runs one write under the write lock; any error undoes whatever it had done. */
    <T> T write(Work<T> work) {
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
