package io.custsync.ops.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import io.custsync.intercom.IntercomApiException;
import io.custsync.intercom.IntercomConnection;
import io.custsync.intercom.IntercomRequest;
import io.custsync.intercom.RateLimitPacer;
import io.custsync.salesforce.SalesforceConnection;
import org.apache.camel.component.salesforce.api.dto.Limits;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/connections}: test a connection, set a new Intercom token. A token is accepted here and never
 * returned, logged or shown.
 */
@RestController
@RequestMapping("/api/connections")
public class ConnectionsApiController {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final IntercomConnection intercom;
    private final RateLimitPacer pacer;
    private final ProducerTemplate producer;
    private final SalesforceConnection salesforce;

    public ConnectionsApiController(IntercomConnection intercom, RateLimitPacer pacer, ProducerTemplate producer,
                                    SalesforceConnection salesforce) {
        this.intercom = intercom;
        this.salesforce = salesforce;
        this.pacer = pacer;
        this.producer = producer;
    }

    /** Calls Intercom's {@code GET /me} through the same route the flows use (no retries: a test answers fast). */
    @PostMapping("/intercom/test")
    public Map<String, Object> testIntercom() {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("connection", "intercom");
        result.put("apiUrl", intercom.apiUrl());
        result.put("apiVersion", IntercomConnection.API_VERSION);
        result.put("sandbox", intercom.isSandbox());
        Exchange answer = producer.send("direct:intercom-call", exchange ->
                exchange.setProperty(IntercomRequest.PROPERTY, IntercomRequest.get("/me", null).withoutTransientRetry()));
        Exception failure = answer.getException();
        if (failure == null) {
            JsonNode me = answer.getMessage().getBody(JsonNode.class);
            result.put("state", "UP");
            result.put("tokenValid", true);
            result.put("workspace", me.path("app").path("name").asText(null));
            result.put("workspaceId", me.path("app").path("id_code").asText(null));
            result.put("region", me.path("app").path("region").asText(null));
            result.put("timezone", me.path("app").path("timezone").asText(null));
            result.put("admin", me.path("email").asText(null));
            result.put("rateLimit", Map.of("limitPer10s", pacer.limit(), "remaining", pacer.remaining()));
        } else if (failure instanceof IntercomApiException.Unauthorized) {
            result.put("state", "NEEDS_REAUTH");
            result.put("tokenValid", false);
            result.put("reason", intercom.reason());
        } else {
            result.put("state", "DOWN");
            result.put("reason", failure.getClass().getSimpleName() + ": " + failure.getMessage());
        }
        return result;
    }

    /**
     * Rotates or re-authenticates the Intercom connection without a restart: flows call Intercom again at their next
     * run. The body is read as bytes and parsed here, so no parser error (they quote what they could not parse) can
     * echo or log a token; the new token replaces the working one only once Intercom has accepted it.
     */
    @PutMapping("/intercom/token")
    public ResponseEntity<Map<String, Object>> setIntercomToken(@RequestBody(required = false) byte[] body) {
        JsonNode token;
        try {
            token = body == null || body.length == 0 ? null : JSON.readTree(body).get("token");
        } catch (IOException e) {
            return ResponseEntity.badRequest().body(Map.of("error", "the body is not JSON; it must be {\"token\": \"...\"}"));
        }
        if (token == null || !token.isTextual() || token.asText().isBlank()) {
            return ResponseEntity.badRequest().body(Map.of("error", "the body must be {\"token\": \"...\"} with the token as a non-empty string"));
        }
        IntercomConnection.TokenCheck check = intercom.check(token.asText());
        if (check.verdict() != IntercomConnection.Verdict.ACCEPTED) {
            // The working token stays: a refused or unverifiable one never replaces it.
            return ResponseEntity.status(check.verdict() == IntercomConnection.Verdict.REFUSED ? 422 : 502)
                    .body(Map.of("connection", "intercom", "error", "the token was not set: " + check.detail(),
                            "state", intercom.state().name()));
        }
        intercom.replaceToken(token.asText());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("connection", "intercom");
        answer.put("state", intercom.state().name());
        answer.put("workspace", check.detail());
        return ResponseEntity.ok(answer);
    }

    /** Logs in (camel-salesforce logs in lazily, on this first call if none before) and reads the org's API limits. */
    @PostMapping("/salesforce/test")
    public Map<String, Object> testSalesforce() {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("connection", "salesforce");
        result.put("kind", salesforce.kind().name());
        if (!salesforce.configured()) {
            result.put("state", "NOT_CONFIGURED");
            result.put("reason", "no Salesforce mode is enabled in the mappings");
            return result;
        }
        result.put("loginUrl", salesforce.loginUrl());
        try {
            Limits limits = producer.requestBody("salesforce:limits", null, Limits.class);
            result.put("state", "UP");
            result.put("dailyApiRequests", Map.of("max", limits.getDailyApiRequests().getMax(),
                    "remaining", limits.getDailyApiRequests().getRemaining()));
            salesforce.succeeded();
        } catch (Exception e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            result.put("state", "DOWN");
            result.put("reason", cause.getClass().getSimpleName() + ": " + cause.getMessage());
            salesforce.failed(String.valueOf(cause.getMessage()));
        }
        return result;
    }

    @PostMapping("/{name}/test")
    public ResponseEntity<Map<String, Object>> unknown(@PathVariable String name) {
        return ResponseEntity.status(404).body(Map.of("error", "unknown connection '" + name + "' (known: intercom, salesforce)"));
    }
}
