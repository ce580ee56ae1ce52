package io.custsync.sandbox.intercom;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.custsync.sandbox.common.SandboxResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** An Intercom error: rendered as {"type":"error.list","request_id":…,"errors":[{code,message}]}. */
final class ApiException extends RuntimeException {
    final int status;
    final String code;
    final String field;
    final Map<String, String> headers = new LinkedHashMap<>();

    ApiException(int status, String code, String message) {
        this(status, code, message, null);
    }

    ApiException(int status, String code, String message, String field) {
        super(message);
        this.status = status;
        this.code = code;
        this.field = field;
    }

    ApiException header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    static ApiException notFound(String code, String message) {
        return new ApiException(404, code, message);
    }

    SandboxResponse response() {
        ObjectNode n = Views.obj();
        n.put("type", "error.list");
        n.put("request_id", UUID.randomUUID().toString());
        ObjectNode err = n.putArray("errors").addObject();
        err.put("code", code);
        err.put("message", getMessage());
        if (field != null) {
            err.put("field", field);
        }
        SandboxResponse r = Http.json(status, n);
        headers.forEach(r::header);
        return r;
    }
}
