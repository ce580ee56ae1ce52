package io.custsync.sandbox.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP face of {@link SandboxControl} under {@code /_sandbox/}. Answers are JSON; sandbox errors come back
 * as 400 {@code {"error": "..."}} so they are never mistaken for Salesforce's own errors.
 */
final class ControlApi {

    private final SandboxControl control;

    ControlApi(SandboxControl control) {
        this.control = control;
    }

    HttpResp handle(HttpReq req) {
        try {
            return route(req);
        } catch (ApiError e) {
            return HttpResp.error(e);
        } catch (IllegalArgumentException | NullPointerException e) {
            return HttpResp.json(400, Map.of("error", String.valueOf(e.getMessage())));
        }
    }

    private HttpResp route(HttpReq req) {
        List<String> s = req.segments.subList(1, req.segments.size());
        String m = req.method;
        String what = s.isEmpty() ? "" : s.get(0);
        switch (what) {
            case "" -> {
                return HttpResp.json(200, control.state());
            }
            case "counters" -> {
                if (s.size() == 2 && s.get(1).equals("reset") && m.equals("POST")) {
                    control.resetCounters();
                    return HttpResp.empty(204);
                }
                return HttpResp.json(200, control.counters().toMap());
            }
            case "clock" -> {
                if (m.equals("POST")) {
                    JsonNode b = req.json();
                    if (b.has("set")) {
                        control.setClock(Instant.parse(b.get("set").asText()));
                    }
                    if (b.has("advanceSeconds")) {
                        control.advanceClock(Duration.ofMillis((long) (b.get("advanceSeconds").asDouble() * 1000)));
                    }
                    if (b.has("advance")) {
                        control.advanceClock(Duration.parse(b.get("advance").asText()));
                    }
                    if (b.has("frozen")) {
                        if (b.get("frozen").asBoolean()) {
                            control.freezeClock();
                        } else {
                            control.unfreezeClock();
                        }
                    }
                }
                return HttpResp.json(200, Map.of("now", SfJson.format(control.now())));
            }
            case "sessions" -> {
                control.expireAllSessions();
                return HttpResp.empty(204);
            }
            case "refresh-token" -> {
                if (s.size() == 2 && s.get(1).equals("restore")) {
                    control.restoreRefreshToken();
                } else {
                    control.revokeRefreshToken();
                }
                return HttpResp.empty(204);
            }
            case "limits" -> {
                if (m.equals("POST")) {
                    control.setRemainingDailyApiRequests(req.json().get("remaining").asLong());
                }
                return HttpResp.json(200, Map.of("remaining", control.remainingDailyApiRequests()));
            }
            case "validation-rules" -> {
                if (m.equals("DELETE")) {
                    control.clearValidationRules();
                    return HttpResp.empty(204);
                }
                JsonNode b = req.json();
                String id = control.addValidationRule(b.get("sobject").asText(), b.get("field").asText(),
                        b.hasNonNull("value") ? b.get("value").asText() : null, b.get("message").asText(),
                        b.hasNonNull("errorField") ? b.get("errorField").asText() : null);
                return HttpResp.json(201, Map.of("id", id));
            }
            case "faults" -> {
                if (m.equals("DELETE")) {
                    control.clearFaults();
                    return HttpResp.empty(204);
                }
                control.addFault(fault(req.json()));
                return HttpResp.empty(201);
            }
            case "records" -> {
                return records(req, s);
            }
            case "poison" -> {
                // POST /_sandbox/poison {"id":"001…","field":"SystemModstamp","value":"not a date"}; DELETE /_sandbox/poison/{id}
                if (m.equals("DELETE") && s.size() == 2) {
                    control.curePoison(s.get(1));
                    return HttpResp.empty(204);
                }
                JsonNode b = req.json();
                control.poisonRecord(b.path("id").asText(), b.path("field").asText(), SfJson.MAPPER.convertValue(b.get("value"), Object.class));
                return HttpResp.empty(201);
            }
            default -> {
                return HttpResp.json(404, Map.of("error", "unknown control resource " + req.path));
            }
        }
    }

    private HttpResp records(HttpReq req, List<String> s) {
        String m = req.method;
        if (s.size() == 2 && m.equals("POST")) {
            JsonNode b = req.json();
            String id = control.createRecord(s.get(1), fields(b), modifiedAt(b, req));
            return HttpResp.json(201, Map.of("id", id));
        }
        if (s.size() == 3) {
            switch (m) {
                case "GET" -> {
                    Map<String, Object> rec = control.record(s.get(2));
                    return rec == null ? HttpResp.json(404, Map.of("error", "no such record")) : HttpResp.json(200, rec);
                }
                case "PATCH" -> {
                    JsonNode b = req.json();
                    control.updateRecord(s.get(1), s.get(2), fields(b), modifiedAt(b, req));
                    return HttpResp.empty(204);
                }
                case "DELETE" -> {
                    control.deleteRecord(s.get(1), s.get(2), modifiedAt(null, req));
                    return HttpResp.empty(204);
                }
                default -> {
                }
            }
        }
        return HttpResp.json(404, Map.of("error", "unknown control resource " + req.path));
    }

    private static Map<String, Object> fields(JsonNode b) {
        JsonNode f = b.get("fields");
        if (f == null || !f.isObject()) {
            throw new IllegalArgumentException("body needs a \"fields\" object");
        }
        return HttpReq.toMap(f);
    }

    private static Instant modifiedAt(JsonNode b, HttpReq req) {
        String text = b != null && b.hasNonNull("modifiedAt") ? b.get("modifiedAt").asText() : req.query.get("modifiedAt");
        if (text == null) {
            return null;
        }
        Instant at = SfJson.parse(text);
        if (at == null) {
            throw new IllegalArgumentException("modifiedAt is not a datetime: " + text);
        }
        return at;
    }

    static Faults.Rule fault(JsonNode b) {
        String kind = b.path("kind").asText("STATUS").toUpperCase(Locale.ROOT);
        Faults.Rule rule = switch (kind) {
            case "STATUS" -> Faults.Rule.status(b.path("status").asInt(503));
            case "LATENCY" -> Faults.Rule.latency(b.path("latencyMillis").asLong(1000));
            case "MALFORMED_JSON" -> Faults.Rule.malformedJson();
            case "CONNECTION_RESET" -> Faults.Rule.connectionReset();
            default -> throw new IllegalArgumentException("kind must be one of " + java.util.Arrays.toString(Faults.Kind.values()));
        };
        if (b.hasNonNull("path")) {
            rule.path(b.get("path").asText());
        }
        if (b.hasNonNull("method")) {
            rule.method(b.get("method").asText());
        }
        if (b.hasNonNull("nth")) {
            rule.onNth(b.get("nth").asInt());
        }
        if (b.hasNonNull("times")) {
            rule.times(b.get("times").asInt());
        }
        if (b.hasNonNull("probability")) {
            rule.probability(b.get("probability").asDouble());
        }
        return rule;
    }
}
