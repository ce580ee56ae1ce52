package io.custsync.sandbox.salesforce;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A response to write: status, headers and body bytes (empty for 204). */
final class HttpResp {

    static final String JSON = "application/json;charset=UTF-8";

    final int status;
    final Map<String, String> headers = new LinkedHashMap<>();
    final byte[] body;
    /** Close the connection without answering (the "connection reset" fault). */
    final boolean abort;

    private HttpResp(int status, byte[] body, boolean abort) {
        this.status = status;
        this.body = body;
        this.abort = abort;
    }

    static HttpResp json(int status, Object value) {
        HttpResp r = new HttpResp(status, SfJson.write(value), false);
        r.headers.put("Content-Type", JSON);
        return r;
    }

    static HttpResp raw(int status, String contentType, String text) {
        HttpResp r = new HttpResp(status, text.getBytes(StandardCharsets.UTF_8), false);
        r.headers.put("Content-Type", contentType);
        return r;
    }

    static HttpResp empty(int status) {
        return new HttpResp(status, new byte[0], false);
    }

    static HttpResp abort() {
        return new HttpResp(0, new byte[0], true);
    }

    static HttpResp error(ApiError e) {
        return json(e.status(), e.body());
    }

    HttpResp header(String name, String value) {
        headers.put(name, value);
        return this;
    }
}
