package io.custsync.sandbox.intercom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.custsync.sandbox.common.ControlRoutes;
import io.custsync.sandbox.common.SandboxRequest;
import io.custsync.sandbox.common.SandboxRouter;
import java.util.Map;

/**
 * HTTP form of {@link IntercomControl} under /_sandbox/ (no bearer, never rate limited, never faulted), besides the
 * clock, faults and counters every simulator has ({@link ControlRoutes}). Record bodies are the public API's fields
 * plus an optional "updated_at" (UNIX seconds).
 */
final class IntercomControlApi {
    private final Workspace ws;
    private final IntercomControl control;
    private final Views views;

    IntercomControlApi(Workspace ws, IntercomControl control, Views views) {
        this.ws = ws;
        this.control = control;
        this.views = views;
    }

    private static Long at(SandboxRequest req) {
        JsonNode b = Http.body(req);
        if (b.hasNonNull("updated_at")) {
            return b.get("updated_at").asLong();
        }
        String q = req.query("updated_at");
        return q == null ? null : Long.parseLong(q);
    }

    /** The body without control-only fields. */
    private static JsonNode fields(SandboxRequest req) {
        JsonNode b = Http.body(req).deepCopy();
        if (b instanceof ObjectNode o) {
            o.remove("updated_at");
        }
        return b;
    }

    void register(SandboxRouter r) {
        r.add("POST", "/_sandbox/tokens", req -> {
            control.addToken(Workspace.text(Http.body(req), "token"));
            return ControlRoutes.ok();
        });
        r.add("POST", "/_sandbox/tokens/{token}/revoke", req -> {
            control.revokeToken(req.param("token"));
            return ControlRoutes.ok();
        });
        r.add("POST", "/_sandbox/tokens/{token}/restore", req -> {
            control.restoreToken(req.param("token"));
            return ControlRoutes.ok();
        });
        r.add("PUT", "/_sandbox/rate_limit", req -> {
            control.setRateLimit(Http.body(req).path("limit").asInt());
            return ControlRoutes.ok();
        });
        r.add("PUT", "/_sandbox/search_lag", req -> {
            control.setSearchLag(Http.body(req).path("seconds").asLong());
            return ControlRoutes.ok();
        });
        r.add("POST", "/_sandbox/webhooks", req -> {
            JsonNode b = Http.body(req);
            java.util.Set<String> topics = new java.util.HashSet<>();
            b.path("topics").forEach(t -> topics.add(t.asText()));
            if (b.hasNonNull("retry_delay_ms")) {
                control.webhooks().setRetryDelayMillis(b.get("retry_delay_ms").asLong());
            }
            if (b.has("max_delay_ms") || b.has("duplicates")) {
                control.webhooks().setDeliveryQuirks(b.path("max_delay_ms").asLong(0), b.path("duplicates").asBoolean(false));
            }
            String id = control.webhooks().subscribe(Workspace.text(b, "url"), b.path("client_secret").asText(""), topics);
            return Http.ok(Views.obj().put("id", id));
        });
        r.add("GET", "/_sandbox/webhooks/deliveries", req -> Http.ok(Views.JSON.valueToTree(
                Map.of("deliveries", control.webhooks().deliveries()))));
        r.add("DELETE", "/_sandbox/webhooks", req -> {
            control.webhooks().unsubscribeAll();
            return ControlRoutes.ok();
        });
        // {"type":"contact|company|conversation|ticket","id":"…","field":"updated_at","value":…}; no "value": the key is removed.
        r.add("POST", "/_sandbox/poison", req -> {
            JsonNode b = Http.body(req);
            control.poison(Workspace.text(b, "type"), Workspace.text(b, "id"), Workspace.text(b, "field"), b.get("value"));
            return ControlRoutes.ok();
        });
        r.add("DELETE", "/_sandbox/poison/{id}", req -> {
            control.curePoison(req.param("id"));
            return ControlRoutes.ok();
        });
        r.add("POST", "/_sandbox/contacts", req -> Http.ok(views.contact(ws.createContact(fields(req), at(req)))));
        r.add("PUT", "/_sandbox/contacts/{id}", req -> Http.ok(views.contact(
                ws.updateContact(req.param("id"), fields(req), at(req)))));
        r.add("DELETE", "/_sandbox/contacts/{id}", req -> {
            ws.deleteContact(req.param("id"), at(req));
            return ControlRoutes.ok();
        });
        r.add("POST", "/_sandbox/contacts/{id}/archive", req -> {
            ws.archiveContact(req.param("id"), true, at(req));
            return ControlRoutes.ok();
        });
        r.add("POST", "/_sandbox/contacts/{id}/unarchive", req -> {
            ws.archiveContact(req.param("id"), false, at(req));
            return ControlRoutes.ok();
        });
        r.add("POST", "/_sandbox/contacts/merge", req -> Http.ok(views.contact(ws.mergeContacts(
                Workspace.text(Http.body(req), "from"), Workspace.text(Http.body(req), "into"), at(req)))));
        r.add("POST", "/_sandbox/contacts/{id}/tags", req -> {
            ws.tagContact(req.param("id"), Workspace.text(Http.body(req), "id"), true, at(req));
            return ControlRoutes.ok();
        });
        r.add("DELETE", "/_sandbox/contacts/{id}/tags/{tag_id}", req -> {
            ws.tagContact(req.param("id"), req.param("tag_id"), false, at(req));
            return ControlRoutes.ok();
        });
        r.add("POST", "/_sandbox/companies", req -> Http.ok(views.company(ws.upsertCompany(fields(req), at(req)))));
        r.add("PUT", "/_sandbox/companies/{id}", req -> Http.ok(views.company(
                ws.updateCompany(req.param("id"), fields(req), at(req)))));
        r.add("DELETE", "/_sandbox/companies/{id}", req -> {
            ws.deleteCompany(req.param("id"), at(req));
            return ControlRoutes.ok();
        });
        r.add("POST", "/_sandbox/conversations/{id}/parts", req -> {
            JsonNode b = Http.body(req);
            ws.addParts(req.param("id"), b.path("count").asInt(1), b.path("author_type").asText("admin"),
                    Workspace.text(b, "part_type"), at(req));
            return Http.ok(views.conversation(ws.conversation(req.param("id")), false));
        });
        r.add("POST", "/_sandbox/conversations", req -> Http.ok(views.conversation(ws.createConversation(
                Workspace.text(Http.body(req), "contact_id"), fields(req), at(req)), true)));
        r.add("PUT", "/_sandbox/conversations/{id}", req -> Http.ok(views.conversation(
                ws.updateConversation(req.param("id"), fields(req), at(req)), false)));
        r.add("PUT", "/_sandbox/tickets/{id}", req -> Http.ok(views.ticket(
                ws.updateTicket(req.param("id"), fields(req), at(req)))));
    }
}
