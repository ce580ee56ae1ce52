package io.custsync.sandbox.intercom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.custsync.sandbox.intercom.Http.Request;
import io.custsync.sandbox.intercom.Http.Response;
import java.util.Map;

/**
 * HTTP form of {@link SandboxControl} under /_sandbox/ (no bearer, never rate limited, never faulted). Record bodies
 * are the public API's fields plus an optional "updated_at" (UNIX seconds).
 */
final class ControlApi {
    private final Workspace ws;
    private final SandboxControl control;
    private final Views views;

    ControlApi(Workspace ws, SandboxControl control, Views views) {
        this.ws = ws;
        this.control = control;
        this.views = views;
    }

    private static Long at(Request req) {
        JsonNode b = req.body();
        if (b.hasNonNull("updated_at")) {
            return b.get("updated_at").asLong();
        }
        String q = req.query("updated_at");
        return q == null ? null : Long.parseLong(q);
    }

    /** The body without control-only fields. */
    private static JsonNode fields(Request req) {
        JsonNode b = req.body().deepCopy();
        if (b instanceof ObjectNode o) {
            o.remove("updated_at");
        }
        return b;
    }

    private static Response done() {
        return Response.ok(Views.obj().put("ok", true));
    }

    void register(Http.Router r) {
        r.add("GET", "/_sandbox/clock", req -> Response.ok(Views.obj().put("now", ws.clock.now())));
        r.add("POST", "/_sandbox/clock", req -> {
            JsonNode b = req.body();
            if (b.hasNonNull("set")) {
                control.setClock(b.get("set").asLong());
            }
            if (b.hasNonNull("advance")) {
                control.advanceClock(b.get("advance").asLong());
            }
            if (b.hasNonNull("frozen")) {
                if (b.get("frozen").asBoolean()) {
                    control.freezeClock();
                } else {
                    control.unfreezeClock();
                }
            }
            return Response.ok(Views.obj().put("now", ws.clock.now()));
        });
        r.add("POST", "/_sandbox/tokens", req -> {
            control.addToken(Workspace.text(req.body(), "token"));
            return done();
        });
        r.add("POST", "/_sandbox/tokens/{token}/revoke", req -> {
            control.revokeToken(req.param("token"));
            return done();
        });
        r.add("POST", "/_sandbox/tokens/{token}/restore", req -> {
            control.restoreToken(req.param("token"));
            return done();
        });
        r.add("PUT", "/_sandbox/rate_limit", req -> {
            control.setRateLimit(req.body().path("limit").asInt());
            return done();
        });
        r.add("PUT", "/_sandbox/search_lag", req -> {
            control.setSearchLag(req.body().path("seconds").asLong());
            return done();
        });
        r.add("POST", "/_sandbox/webhooks", req -> {
            JsonNode b = req.body();
            java.util.Set<String> topics = new java.util.HashSet<>();
            b.path("topics").forEach(t -> topics.add(t.asText()));
            if (b.hasNonNull("retry_delay_ms")) {
                control.webhooks().setRetryDelayMillis(b.get("retry_delay_ms").asLong());
            }
            if (b.has("max_delay_ms") || b.has("duplicates")) {
                control.webhooks().setDeliveryQuirks(b.path("max_delay_ms").asLong(0), b.path("duplicates").asBoolean(false));
            }
            String id = control.webhooks().subscribe(Workspace.text(b, "url"), b.path("client_secret").asText(""), topics);
            return Response.ok(Views.obj().put("id", id));
        });
        r.add("GET", "/_sandbox/webhooks/deliveries", req -> Response.ok(Views.JSON.valueToTree(
                Map.of("deliveries", control.webhooks().deliveries()))));
        r.add("DELETE", "/_sandbox/webhooks", req -> {
            control.webhooks().unsubscribeAll();
            return done();
        });
        // {"type":"contact|company|conversation|ticket","id":"…","field":"updated_at","value":…}; no "value": the key is removed.
        r.add("POST", "/_sandbox/poison", req -> {
            JsonNode b = req.body();
            control.poison(Workspace.text(b, "type"), Workspace.text(b, "id"), Workspace.text(b, "field"), b.get("value"));
            return done();
        });
        r.add("DELETE", "/_sandbox/poison/{id}", req -> {
            control.curePoison(req.param("id"));
            return done();
        });
        r.add("POST", "/_sandbox/faults", this::addFault);
        r.add("DELETE", "/_sandbox/faults", req -> {
            control.clearFaults();
            return done();
        });
        r.add("GET", "/_sandbox/counters", req -> {
            ObjectNode n = Views.obj();
            n.put("total", control.counters().total());
            n.put("writes", control.counters().writes());
            n.put("rate_limited", control.counters().rateLimited());
            ObjectNode by = n.putObject("requests");
            control.counters().snapshot().forEach(by::put);
            return Response.ok(n);
        });
        r.add("DELETE", "/_sandbox/counters", req -> {
            control.resetCounters();
            return done();
        });
        r.add("POST", "/_sandbox/contacts", req -> Response.ok(views.contact(ws.createContact(fields(req), at(req)))));
        r.add("PUT", "/_sandbox/contacts/{id}", req -> Response.ok(views.contact(
                ws.updateContact(req.param("id"), fields(req), at(req)))));
        r.add("DELETE", "/_sandbox/contacts/{id}", req -> {
            ws.deleteContact(req.param("id"), at(req));
            return done();
        });
        r.add("POST", "/_sandbox/contacts/{id}/archive", req -> {
            ws.archiveContact(req.param("id"), true, at(req));
            return done();
        });
        r.add("POST", "/_sandbox/contacts/{id}/unarchive", req -> {
            ws.archiveContact(req.param("id"), false, at(req));
            return done();
        });
        r.add("POST", "/_sandbox/contacts/merge", req -> Response.ok(views.contact(ws.mergeContacts(
                Workspace.text(req.body(), "from"), Workspace.text(req.body(), "into"), at(req)))));
        r.add("POST", "/_sandbox/contacts/{id}/tags", req -> {
            ws.tagContact(req.param("id"), Workspace.text(req.body(), "id"), true, at(req));
            return done();
        });
        r.add("DELETE", "/_sandbox/contacts/{id}/tags/{tag_id}", req -> {
            ws.tagContact(req.param("id"), req.param("tag_id"), false, at(req));
            return done();
        });
        r.add("POST", "/_sandbox/companies", req -> Response.ok(views.company(ws.upsertCompany(fields(req), at(req)))));
        r.add("PUT", "/_sandbox/companies/{id}", req -> Response.ok(views.company(
                ws.updateCompany(req.param("id"), fields(req), at(req)))));
        r.add("DELETE", "/_sandbox/companies/{id}", req -> {
            ws.deleteCompany(req.param("id"), at(req));
            return done();
        });
        r.add("POST", "/_sandbox/conversations/{id}/parts", req -> {
            JsonNode b = req.body();
            ws.addParts(req.param("id"), b.path("count").asInt(1), b.path("author_type").asText("admin"),
                    Workspace.text(b, "part_type"), at(req));
            return Response.ok(views.conversation(ws.conversation(req.param("id")), false));
        });
        r.add("POST", "/_sandbox/conversations", req -> Response.ok(views.conversation(ws.createConversation(
                Workspace.text(req.body(), "contact_id"), fields(req), at(req)), true)));
        r.add("PUT", "/_sandbox/conversations/{id}", req -> Response.ok(views.conversation(
                ws.updateConversation(req.param("id"), fields(req), at(req)), false)));
        r.add("PUT", "/_sandbox/tickets/{id}", req -> Response.ok(views.ticket(
                ws.updateTicket(req.param("id"), fields(req), at(req)))));
    }

    /** {"method":"GET","path":"/contacts*","kind":"status|latency|truncate|malformed|reset","status":503,
     *  "latency_ms":200,"nth":3,"times":2,"probability":0.1,"rate_limit_reset":1900000000} */
    private Response addFault(Request req) {
        JsonNode b = req.body();
        Faults.Rule rule = Faults.on(Workspace.text(b, "method"), b.path("path").asText("**"));
        switch (b.path("kind").asText("status")) {
            case "latency" -> rule.latency(b.path("latency_ms").asLong(1000));
            case "truncate" -> rule.truncate();
            case "malformed" -> rule.malformed();
            case "reset" -> rule.reset();
            default -> rule.status(b.path("status").asInt(500));
        }
        if (b.hasNonNull("nth")) {
            rule.nth(b.get("nth").asInt());
        }
        if (b.hasNonNull("times")) {
            rule.times(b.get("times").asInt());
        }
        if (b.hasNonNull("probability")) {
            rule.probability(b.get("probability").asDouble());
        }
        if (b.hasNonNull("rate_limit_reset")) {
            rule.rateLimitReset(b.get("rate_limit_reset").asLong());
        }
        control.addFault(rule);
        return Response.ok(Views.JSON.valueToTree(Map.of("ok", true)));
    }
}
