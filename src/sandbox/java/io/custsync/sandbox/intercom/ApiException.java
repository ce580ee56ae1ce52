package io.custsync.sandbox.intercom;

import java.util.LinkedHashMap;
import java.util.Map;

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
}
