package io.custsync.sandbox.salesforce;

import io.custsync.sandbox.common.SandboxResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Salesforce REST error: an HTTP status and the {@code [{"message","errorCode","fields"}]} body that
 * Salesforce always sends, even for a single error.
 */
public class ApiError extends RuntimeException {

    private final int status;
    private final String errorCode;
    private final List<String> fields;

    public ApiError(int status, String errorCode, String message, List<String> fields) {
        super(message);
        this.status = status;
        this.errorCode = errorCode;
        this.fields = fields;
    }

    public ApiError(int status, String errorCode, String message) {
        this(status, errorCode, message, null);
    }

    public static ApiError notFound() {
        return new ApiError(404, "NOT_FOUND", "The requested resource does not exist");
    }

    public int status() {
        return status;
    }

    public String errorCode() {
        return errorCode;
    }

    public List<String> fields() {
        return fields == null ? List.of() : fields;
    }

    /** The REST error answer. */
    public SandboxResponse response() {
        return SfJson.response(status, body());
    }

    /** Body of a REST error response. */
    public List<Map<String, Object>> body() {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("message", getMessage());
        e.put("errorCode", errorCode);
        if (fields != null) {
            e.put("fields", new ArrayList<>(fields));
        }
        return List.of(e);
    }

    /** The per-record error shape used inside composite and upsert results, which says statusCode, not errorCode. */
    public Map<String, Object> recordError() {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("statusCode", errorCode);
        e.put("message", getMessage());
        e.put("fields", new ArrayList<>(fields()));
        return e;
    }
}
