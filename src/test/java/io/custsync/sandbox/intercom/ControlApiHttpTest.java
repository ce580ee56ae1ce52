package io.custsync.sandbox.intercom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The /_sandbox control API over HTTP (what benchmarks and curl use). */
class ControlApiHttpTest {
    static final long T0 = 1_767_225_600L;
    IntercomSandbox sandbox;
    SandboxClient api;
    SandboxClient control;

    @BeforeEach
    void start() {
        sandbox = IntercomSandbox.builder().seed(2).clockStartEpoch(T0).build().start();
        api = new SandboxClient(sandbox);
        control = new SandboxClient(sandbox);
        control.token = null;
        control.accept = null;
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void poisonServesAFieldOfAnyRecordWronglyUntilCured() {
        String company = sandbox.control().companyId(1);
        control.post("/_sandbox/poison", Map.of("type", "company", "id", company, "field", "updated_at", "value", "yesterday"));
        control.post("/_sandbox/poison", Map.of("type", "company", "id", company, "field", "plan.name", "value", 42));
        control.post("/_sandbox/poison", Map.of("type", "company", "id", company, "field", "name"));
        JsonNode served = api.get("/companies/" + company).json();
        assertEquals("yesterday", served.get("updated_at").asText());
        assertEquals(42, served.at("/plan/name").asInt());
        assertTrue(!served.has("name"), "no value: the key is removed");
        String ticket = sandbox.control().ticketId(0);
        control.post("/_sandbox/poison", Map.of("type", "ticket", "id", ticket, "field", "created_at", "value", Long.MAX_VALUE));
        assertEquals(Long.MAX_VALUE, api.get("/tickets/" + ticket).json().get("created_at").asLong());
        control.send("DELETE", "/_sandbox/poison/" + company, null);
        assertTrue(api.get("/companies/" + company).json().get("updated_at").isIntegralNumber());
        assertTrue(api.get("/companies/" + company).json().has("name"));
    }

    @Test
    void clock() {
        assertEquals(T0 + 3600, control.post("/_sandbox/clock", Map.of("set", T0 + 3600, "frozen", true)).json()
                .get("now").asLong());
        assertEquals(T0 + 3660, control.post("/_sandbox/clock", Map.of("advance", 60)).json().get("now").asLong());
        assertEquals(T0 + 3660, control.get("/_sandbox/clock").json().get("now").asLong());
    }

    @Test
    void recordsWithGivenUpdatedAt() {
        JsonNode created = control.post("/_sandbox/contacts", Map.of("email", "ctl@example.org", "role", "user",
                "updated_at", T0 - 86400)).json();
        String id = created.get("id").asText();
        assertEquals(T0 - 86400, created.get("updated_at").asLong());
        assertEquals(T0 - 500, control.put("/_sandbox/contacts/" + id, Map.of("name", "Ctl", "updated_at", T0 - 500)).json()
                .get("updated_at").asLong());
        JsonNode found = api.post("/contacts/search", Map.of("query", Map.of("field", "email", "operator", "=",
                "value", "ctl@example.org"))).json();
        assertEquals("Ctl", found.get("data").get(0).get("name").asText());
        String tag = sandbox.control().tagId("Sponsor");
        control.post("/_sandbox/contacts/" + id + "/tags", Map.of("id", tag, "updated_at", T0 - 400));
        assertEquals(tag, api.get("/contacts/" + id + "/tags").json().get("data").get(0).get("id").asText());
        control.send("DELETE", "/_sandbox/contacts/" + id + "/tags/" + tag, Map.of("updated_at", T0 - 300));
        assertEquals(0, api.get("/contacts/" + id + "/tags").json().get("data").size());
        control.post("/_sandbox/contacts/" + id + "/archive", Map.of("updated_at", T0 - 200));
        assertEquals(404, api.get("/contacts/" + id).status());
        control.post("/_sandbox/contacts/" + id + "/unarchive", Map.of("updated_at", T0 - 100));
        assertEquals(T0 - 100, api.get("/contacts/" + id).json().get("updated_at").asLong());
        String lead = control.post("/_sandbox/contacts", Map.of("role", "lead", "email", "ctl.lead@example.org")).json()
                .get("id").asText();
        control.post("/_sandbox/contacts/merge", Map.of("from", lead, "into", id, "updated_at", T0 - 50));
        assertEquals(410, api.get("/contacts/" + lead).status());
        control.send("DELETE", "/_sandbox/contacts/" + id, Map.of("updated_at", T0 - 10));
        assertEquals(404, api.get("/contacts/" + id).status());

        JsonNode company = control.post("/_sandbox/companies", Map.of("company_id", "ctl-co", "name", "Ctl Co",
                "updated_at", T0 - 77)).json();
        assertEquals(T0 - 77, company.get("updated_at").asLong());
        String companyId = company.get("id").asText();
        assertEquals("Renamed", control.put("/_sandbox/companies/" + companyId, Map.of("name", "Renamed")).json()
                .get("name").asText());
        control.delete("/_sandbox/companies/" + companyId);
        assertEquals(404, api.get("/companies/" + companyId).status());
    }

    @Test
    void conversationsAndTickets() {
        String conv = sandbox.control().conversationId(8);
        JsonNode grown = control.post("/_sandbox/conversations/" + conv + "/parts", Map.of("count", 3,
                "author_type", "user", "updated_at", T0 - 5)).json();
        assertEquals(T0 - 5, grown.get("updated_at").asLong());
        assertEquals("closed", control.put("/_sandbox/conversations/" + conv, Map.of("state", "closed")).json()
                .get("state").asText());
        JsonNode created = control.post("/_sandbox/conversations", Map.of("contact_id", sandbox.control().contactId(1),
                "body", "<p>Brand new</p>", "updated_at", T0 + 30)).json();
        assertEquals(0, created.path("conversation_parts").path("total_count").asInt());
        assertEquals(T0 + 30, created.get("waiting_since").asLong(), "customer spoke last");
        JsonNode newer = api.post("/conversations/search", Map.of("query", Map.of("field", "updated_at", "operator", ">",
                "value", T0))).json();
        assertEquals(1, newer.get("total_count").asInt());
        assertEquals(created.get("id"), newer.get("conversations").get(0).get("id"));
        String ticket = sandbox.control().ticketId(0);
        JsonNode t = control.put("/_sandbox/tickets/" + ticket, Map.of("ticket_state_id", "207", "updated_at", T0 - 1)).json();
        assertEquals("resolved", t.path("ticket_state").path("category").asText());
        assertEquals(T0 - 1, t.get("updated_at").asLong());
    }

    @Test
    void tokensFaultsCountersAndRateLimit() {
        control.post("/_sandbox/tokens/" + IntercomSettings.DEFAULT_TOKEN + "/revoke", null);
        assertEquals("token_revoked", api.get("/me").errorCode());
        control.post("/_sandbox/tokens/" + IntercomSettings.DEFAULT_TOKEN + "/restore", null);
        assertEquals(200, api.get("/me").status());
        control.post("/_sandbox/tokens", Map.of("token", "benchmark"));
        api.token = "benchmark";
        assertEquals(200, api.get("/me").status());

        control.post("/_sandbox/faults", Map.of("method", "GET", "path", "/admins", "kind", "status", "status", 502,
                "times", 1));
        assertEquals(502, api.get("/admins").status());
        assertEquals(200, api.get("/admins").status());
        control.post("/_sandbox/faults", Map.of("path", "**", "kind", "status", "status", 500, "probability", 1.0));
        assertEquals(500, api.get("/tags").status());
        control.delete("/_sandbox/faults");
        assertEquals(200, api.get("/tags").status());

        JsonNode counters = control.get("/_sandbox/counters").json();
        assertEquals(2, counters.path("requests").path("GET /admins").asInt());
        assertTrue(counters.get("total").asInt() >= 6);
        control.delete("/_sandbox/counters");
        assertEquals(0, control.get("/_sandbox/counters").json().get("total").asInt());

        String sub = control.post("/_sandbox/webhooks", Map.of("url", "http://127.0.0.1:9/unreachable",
                "client_secret", "k", "topics", java.util.List.of("contact.user.created"), "retry_delay_ms", 60_000)).json()
                .get("id").asText();
        assertTrue(sub.startsWith("sub_"));
        api.post("/contacts", Map.of("email", "webhook.http@example.org"));
        JsonNode deliveries = null;
        for (int i = 0; i < 100; i++) {
            deliveries = control.get("/_sandbox/webhooks/deliveries").json().get("deliveries");
            if (deliveries.size() > 0) {
                break;
            }
            sleep(20);
        }
        assertEquals("contact.user.created", deliveries.get(0).get("topic").asText());
        assertEquals(0, deliveries.get(0).get("status").asInt(), "connection refused is recorded as status 0");
        control.delete("/_sandbox/webhooks");

        control.put("/_sandbox/rate_limit", Map.of("limit", 1));
        control.post("/_sandbox/clock", Map.of("frozen", true));
        api.get("/me");
        assertEquals(429, api.get("/me").status());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
