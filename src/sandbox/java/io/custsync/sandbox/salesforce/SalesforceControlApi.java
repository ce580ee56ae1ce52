package io.custsync.sandbox.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import io.custsync.sandbox.common.SandboxRequest;
import io.custsync.sandbox.common.SandboxResponse;
import io.custsync.sandbox.common.SandboxRouter;
import java.time.Instant;
import java.util.Map;

/**
 * HTTP face of {@link SalesforceControl} under {@code /_sandbox/}, besides the clock, faults and counters every simulator
 * has ({@link io.custsync.sandbox.common.ControlRoutes}). Answers are JSON; sandbox errors come back as 400
 * {@code {"error": "..."}} so they are never mistaken for Salesforce's own errors.
 */
final class SalesforceControlApi {

    private final SalesforceControl control;

    SalesforceControlApi(SalesforceControl control) {
        this.control = control;
    }

    void register(SandboxRouter r) {
        r.add("GET", "/_sandbox", req -> SfJson.response(200, control.state()));
        r.add("POST", "/_sandbox/sessions/expire", req -> {
            control.expireAllSessions();
            return SandboxResponse.empty(204);
        });
        r.add("POST", "/_sandbox/refresh-token/revoke", req -> {
            control.revokeRefreshToken();
            return SandboxResponse.empty(204);
        });
        r.add("POST", "/_sandbox/refresh-token/restore", req -> {
            control.restoreRefreshToken();
            return SandboxResponse.empty(204);
        });
        r.add("GET", "/_sandbox/limits", req -> SfJson.response(200, Map.of("remaining", control.remainingDailyApiRequests())));
        r.add("POST", "/_sandbox/limits", req -> {
            control.setRemainingDailyApiRequests(SfJson.body(req).get("remaining").asLong());
            return SfJson.response(200, Map.of("remaining", control.remainingDailyApiRequests()));
        });
        r.add("POST", "/_sandbox/validation-rules", req -> {
            JsonNode b = SfJson.body(req);
            String id = control.addValidationRule(b.get("sobject").asText(), b.get("field").asText(),
                    b.hasNonNull("value") ? b.get("value").asText() : null, b.get("message").asText(),
                    b.hasNonNull("errorField") ? b.get("errorField").asText() : null);
            return SfJson.response(201, Map.of("id", id));
        });
        r.add("DELETE", "/_sandbox/validation-rules", req -> {
            control.clearValidationRules();
            return SandboxResponse.empty(204);
        });
        r.add("POST", "/_sandbox/records/{type}", req -> {
            JsonNode b = SfJson.body(req);
            return SfJson.response(201, Map.of("id", control.createRecord(req.param("type"), fields(b), modifiedAt(b, req))));
        });
        r.add("GET", "/_sandbox/records/{type}/{id}", req -> {
            Map<String, Object> rec = control.record(req.param("id"));
            return rec == null ? SfJson.response(404, Map.of("error", "no such record")) : SfJson.response(200, rec);
        });
        r.add("PATCH", "/_sandbox/records/{type}/{id}", req -> {
            JsonNode b = SfJson.body(req);
            control.updateRecord(req.param("type"), req.param("id"), fields(b), modifiedAt(b, req));
            return SandboxResponse.empty(204);
        });
        r.add("DELETE", "/_sandbox/records/{type}/{id}", req -> {
            control.deleteRecord(req.param("type"), req.param("id"), modifiedAt(null, req));
            return SandboxResponse.empty(204);
        });
        // {"id":"001…","field":"SystemModstamp","value":"not a date"}
        r.add("POST", "/_sandbox/poison", req -> {
            JsonNode b = SfJson.body(req);
            control.poisonRecord(b.path("id").asText(), b.path("field").asText(), SfJson.MAPPER.convertValue(b.get("value"), Object.class));
            return SandboxResponse.empty(201);
        });
        r.add("DELETE", "/_sandbox/poison/{id}", req -> {
            control.curePoison(req.param("id"));
            return SandboxResponse.empty(204);
        });
    }

    private static Map<String, Object> fields(JsonNode b) {
        JsonNode f = b.get("fields");
        if (f == null || !f.isObject()) {
            throw new IllegalArgumentException("body needs a \"fields\" object");
        }
        return SfJson.toMap(f);
    }

    private static Instant modifiedAt(JsonNode b, SandboxRequest req) {
        String text = b != null && b.hasNonNull("modifiedAt") ? b.get("modifiedAt").asText() : req.query("modifiedAt");
        if (text == null) {
            return null;
        }
        Instant at = SfJson.parse(text);
        if (at == null) {
            throw new IllegalArgumentException("modifiedAt is not a datetime: " + text);
        }
        return at;
    }
}
