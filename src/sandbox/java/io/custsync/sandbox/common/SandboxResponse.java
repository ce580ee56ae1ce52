package io.custsync.sandbox.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** An answer to write: status, headers and body bytes; or a connection to drop without one. */
public final class SandboxResponse {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final int status;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private byte[] body;
    private final boolean reset;

    private SandboxResponse(int status, byte[] body, boolean reset) {
        this.status = status;
        this.body = body;
        this.reset = reset;
    }

    public static SandboxResponse of(int status, String contentType, byte[] body) {
        return new SandboxResponse(status, body, false).header("Content-Type", contentType);
    }

    /** No body (204, or 200 to a revoke). */
    public static SandboxResponse empty(int status) {
        return new SandboxResponse(status, new byte[0], false);
    }

    /** The connection is closed without a response. */
    public static SandboxResponse reset() {
        return new SandboxResponse(0, new byte[0], true);
    }

    /** A simulator's own answer (control API): plain JSON, never shaped like the simulated service's. */
    public static SandboxResponse json(int status, Object value) {
        try {
            return of(status, "application/json", JSON.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public SandboxResponse header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public int status() { return status; }
    public Map<String, String> headers() { return headers; }
    public byte[] body() { return body; }
    public boolean isReset() { return reset; }

    /** The body cut in half (never empty): JSON that breaks off. */
    void truncate() {
        body = Arrays.copyOf(body, Math.max(1, body.length / 2));
    }
}
