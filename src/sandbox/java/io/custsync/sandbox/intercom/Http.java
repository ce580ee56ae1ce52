package io.custsync.sandbox.intercom;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.custsync.sandbox.common.SandboxRequest;
import io.custsync.sandbox.common.SandboxResponse;
import java.io.IOException;

/** Intercom's JSON over HTTP: request bodies and integer parameters read, and answers written, as Intercom does. */
final class Http {

    static final String JSON = "application/json; charset=utf-8";

    private Http() {
    }

    /** The JSON body; an empty body reads as an empty object, malformed JSON is a 400 like Intercom's. */
    static JsonNode body(SandboxRequest req) {
        if (req.body().length == 0) {
            return Views.obj();
        }
        try {
            JsonNode body = Views.JSON.readTree(req.body());
            return body == null || body instanceof MissingNode ? Views.obj() : body;
        } catch (IOException e) {
            throw new ApiException(400, "parameter_invalid", "There was a problem parsing the JSON body");
        }
    }

    static int intQuery(SandboxRequest req, String name, int dflt) {
        String v = req.query(name);
        if (v == null || v.isEmpty()) {
            return dflt;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new ApiException(400, "parameter_invalid", name + " must be an integer", name);
        }
    }

    static SandboxResponse ok(JsonNode json) {
        return json(200, json);
    }

    static SandboxResponse json(int status, JsonNode json) {
        try {
            return SandboxResponse.of(status, JSON, Views.withInvalidUtf8(Views.JSON.writeValueAsBytes(json)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
