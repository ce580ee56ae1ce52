package io.custsync.sandbox.intercom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint of the sandbox over real HTTP, request and response validated against openapi-2.16.yaml (deviations
 * only through {@link SpecAllowList}). Includes error responses.
 */
class ContractTest {
    static final long T0 = 1_767_225_600L; // 2026-01-01T00:00:00Z
    static IntercomSandbox sandbox;
    static SandboxClient api;

    @BeforeAll
    static void start() {
        SpecValidator.get();
        sandbox = IntercomSandbox.builder().seed(7).clockStartEpoch(T0).build().start();
        api = new SandboxClient(sandbox).validating();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
        assertEquals(List.of(), SpecAllowList.unused(), "allow-list entries no longer needed");
    }

    private static Map<String, Object> query(Object q) {
        return Map.of("query", q, "pagination", Map.of("per_page", 5));
    }

    @Test
    void meAndAdmins() {
        JsonNode me = api.get("/me").json();
        assertEquals("admin", me.get("type").asText());
        assertEquals("America/New_York", me.path("app").path("timezone").asText());
        JsonNode admins = api.get("/admins").json();
        assertEquals("admin.list", admins.get("type").asText());
        assertEquals(5, admins.get("admins").size());
    }

    @Test
    void contactListGetAndSearch() {
        JsonNode page1 = api.get("/contacts").json();
        assertEquals(10, page1.get("data").size());
        assertEquals(200, page1.get("total_count").asInt());
        String cursor = page1.path("pages").path("next").path("starting_after").asText();
        JsonNode page2 = api.get("/contacts?per_page=150&starting_after=" + cursor).json();
        assertEquals(150, page2.get("data").size());
        assertEquals(2, page2.path("pages").path("page").asInt());
        String id = page1.get("data").get(0).get("id").asText();
        assertEquals(id, api.get("/contacts/" + id).json().get("id").asText());
        JsonNode found = api.post("/contacts/search", Map.of("query", Map.of("operator", "AND", "value", List.of(
                Map.of("field", "role", "operator", "=", "value", "user"),
                Map.of("field", "updated_at", "operator", ">", "value", T0 - 30L * 86400))),
                "pagination", Map.of("per_page", 5), "sort", Map.of("field", "updated_at", "order", "ascending"))).json();
        assertEquals(5, found.get("data").size());
        assertEquals("user", found.get("data").get(0).get("role").asText());
        assertEquals(404, api.get("/contacts/000000000000000000000000").status());
        assertEquals("not_found", api.get("/contacts/000000000000000000000000").errorCode());
        SandboxClient.Resp bad = api.post("/contacts/search", query(Map.of("field", "created_at", "operator", "!=", "value", 1)));
        assertEquals(400, bad.status());
    }

    @Test
    void contactWritesTagsCompaniesMerge() {
        JsonNode created = api.post("/contacts", Map.of("email", "contract@example.org", "external_id", "contract-1",
                "name", "Contract Test", "custom_attributes", Map.of("seats", 12))).json();
        String id = created.get("id").asText();
        assertEquals(12, created.path("custom_attributes").path("seats").asInt());
        assertEquals(409, api.post("/contacts", Map.of("email", "contract@example.org")).status());
        assertEquals(400, api.put("/contacts/" + id, Map.of("custom_attributes", Map.of("nope", 1))).status());
        assertEquals("Renamed", api.put("/contacts/" + id, Map.of("name", "Renamed")).json().get("name").asText());
        String tagId = sandbox.control().tagId("Champion");
        assertEquals("Champion", api.post("/contacts/" + id + "/tags", Map.of("id", tagId)).json().get("name").asText());
        assertEquals(1, api.get("/contacts/" + id + "/tags").json().get("data").size());
        assertEquals(tagId, api.delete("/contacts/" + id + "/tags/" + tagId).json().get("id").asText());
        assertEquals(404, api.post("/contacts/" + id + "/tags", Map.of("id", "1")).status());
        String companyId = sandbox.control().companyId(3);
        assertEquals(companyId, api.post("/contacts/" + id + "/companies", Map.of("id", companyId)).json().get("id").asText());
        JsonNode companies = api.get("/contacts/" + id + "/companies").json();
        assertEquals(1, companies.get("data").size(), "API uses `data` (schema says `companies`)");
        assertEquals(400, api.post("/contacts/" + id + "/companies", Map.of("id", "")).status());
        assertEquals(404, api.post("/contacts/" + id + "/companies", Map.of("id", "5")).status());
        assertEquals(companyId, api.delete("/contacts/" + id + "/companies/" + companyId).json().get("id").asText());
        JsonNode archived = api.post("/contacts/" + id + "/archive", null).json();
        assertTrue(archived.get("archived").asBoolean());
        assertFalse(api.post("/contacts/" + id + "/unarchive", null).json().get("archived").asBoolean());
        String lead = api.post("/contacts", Map.of("role", "lead", "email", "lead.contract@example.org")).json().get("id").asText();
        JsonNode merged = api.post("/contacts/merge", Map.of("from", lead, "into", id)).json();
        assertEquals(id, merged.get("id").asText());
        assertEquals(410, api.get("/contacts/" + lead).status());
        assertTrue(api.delete("/contacts/" + id).json().get("deleted").asBoolean());
        assertEquals(404, api.delete("/contacts/" + id).status());
    }

    @Test
    void companies() {
        JsonNode created = api.post("/companies", Map.of("company_id", "contract-co", "name", "Contract Co", "plan", "Pro",
                "monthly_spend", 99, "custom_attributes", Map.of("arr", 5000))).json();
        String id = created.get("id").asText();
        // floats are truncated (API-NOTES §5); the spec types monthly_spend integer, so that request is "invalid"
        assertEquals(12, api.sendingInvalidRequests().post("/companies", Map.of("company_id", "contract-co",
                "monthly_spend", 12.9)).json().get("monthly_spend").asInt());
        assertEquals(400, api.post("/companies", Map.of("company_id", "x", "test", 1)).status());
        JsonNode byKey = api.get("/companies?company_id=contract-co").json();
        assertEquals("list", byKey.get("type").asText());
        assertEquals(id, byKey.get("data").get(0).get("id").asText());
        assertEquals(404, api.get("/companies?company_id=missing").status());
        assertEquals(id, api.get("/companies/" + id).json().get("id").asText());
        assertEquals("New name", api.put("/companies/" + id, Map.of("name", "New name")).json().get("name").asText());
        JsonNode list = api.post("/companies/list?per_page=5&page=2", null).json();
        assertEquals(5, list.get("data").size());
        assertTrue(list.path("pages").path("next").asText().contains("page=3"));
        JsonNode all = api.get("/companies?per_page=20").json();
        assertEquals(20, all.get("data").size());
        String co = sandbox.control().companyId(1);
        JsonNode members = api.get("/companies/" + co + "/contacts").json();
        assertTrue(members.get("total_count").asInt() > 0);
        JsonNode deleted = api.delete("/companies/" + id).json();
        assertTrue(deleted.get("deleted").asBoolean());
        assertEquals(404, api.get("/companies/" + id).status());
    }

    @Test
    void companiesScroll() {
        sandbox.control().resetScroll();
        JsonNode first = api.get("/companies/scroll").json();
        assertEquals(15, first.get("data").size());
        assertTrue(first.get("pages").isNull());
        assertEquals(400, api.get("/companies/scroll").status());
        assertEquals(404, api.get("/companies/scroll?scroll_param=nope").status());
        sandbox.control().resetScroll();
    }

    @Test
    void conversations() {
        JsonNode list = api.get("/conversations?per_page=5").json();
        assertEquals("conversation.list", list.get("type").asText());
        assertEquals(5, list.get("conversations").size());
        String next = list.path("pages").path("next").path("starting_after").asText();
        assertEquals(5, api.get("/conversations?per_page=5&starting_after=" + next).json().get("conversations").size());
        String id = sandbox.control().conversationId(7); // 600 parts
        JsonNode conv = api.get("/conversations/" + id).json();
        assertEquals(500, conv.path("conversation_parts").path("conversation_parts").size());
        assertEquals(id, api.get("/conversations/" + id + "?display_as=plaintext").json().get("id").asText());
        JsonNode search = api.post("/conversations/search", query(Map.of("operator", "AND", "value", List.of(
                Map.of("field", "state", "operator", "=", "value", "open"),
                Map.of("field", "updated_at", "operator", ">", "value", 0))))).json();
        assertEquals("conversation.list", search.get("type").asText());
        String tagId = sandbox.control().tagId("VIP");
        assertEquals(tagId, api.post("/conversations/" + id + "/tags", Map.of("id", tagId, "admin_id", "991000")).json()
                .get("id").asText());
        assertEquals(tagId, api.send("DELETE", "/conversations/" + id + "/tags/" + tagId, Map.of("admin_id", "991000"))
                .json().get("id").asText());
        assertEquals(404, api.get("/conversations/1").status());
    }

    @Test
    void tickets() {
        JsonNode search = api.post("/tickets/search", query(Map.of("field", "state", "operator", "=", "value",
                "in_progress"))).json();
        assertEquals("ticket.list", search.get("type").asText());
        assertTrue(search.get("total_count").asInt() > 0);
        String id = search.get("tickets").get(0).get("id").asText();
        assertEquals(id, api.get("/tickets/" + id).json().get("id").asText());
        assertEquals(3, api.get("/ticket_types").json().get("data").size());
        JsonNode states = api.get("/ticket_states").json();
        assertEquals(8, states.get("data").size());
        assertEquals(404, api.get("/tickets/1").status());
    }

    @Test
    void dataAttributesAndTags() {
        JsonNode contactAttrs = api.get("/data_attributes?model=contact").json();
        assertTrue(contactAttrs.get("data").size() > 5);
        assertEquals(422, api.sendingInvalidRequests().get("/data_attributes?model=conversation").status());
        JsonNode created = api.post("/data_attributes", Map.of("name", "contract_score", "model", "company",
                "data_type", "integer", "description", "score")).json();
        assertEquals("custom_attributes.contract_score", created.get("full_name").asText());
        assertEquals(400, api.post("/data_attributes", Map.of("name", "contract_score", "model", "company",
                "data_type", "integer")).status());
        int attrId = created.get("id").asInt();
        assertEquals("changed", api.put("/data_attributes/" + attrId, Map.of("description", "changed")).json()
                .get("description").asText());
        assertEquals(404, api.put("/data_attributes/99999", Map.of("description", "x")).status());
        JsonNode tags = api.get("/tags").json();
        assertTrue(tags.get("data").size() >= 20);
        JsonNode tag = api.post("/tags", Map.of("name", "Contract tag")).json();
        String company = sandbox.control().companyId(2);
        JsonNode tagged = api.post("/tags", Map.of("name", "Contract tag", "companies", List.of(Map.of("id", company))))
                .json();
        assertEquals(tag.get("id").asText(), tagged.get("id").asText());
        JsonNode users = api.post("/tags", Map.of("name", "Contract tag", "users",
                List.of(Map.of("id", sandbox.control().contactId(2))))).json();
        assertTrue(users.get("users").get(0).get("tagged").asBoolean());
    }

    @Test
    void gatekeeperErrors() {
        SandboxClient anon = new SandboxClient(sandbox).validating();
        anon.token = null;
        assertEquals(401, anon.get("/me").status());
        anon.token = "wrong";
        assertEquals("unauthorized", anon.get("/contacts").errorCode());
        SandboxClient badVersion = new SandboxClient(sandbox).validating().sendingInvalidRequests();
        badVersion.version = "9.9";
        assertEquals("intercom_version_invalid", badVersion.get("/me").errorCode());
    }

    @Test
    void rateLimitAndAcceptErrorsAreErrorLists() {
        try (IntercomSandbox limited = IntercomSandbox.builder().seed(7).rateLimitPer10s(1).clockStartEpoch(T0).build().start()) {
            limited.control().freezeClock();
            SandboxClient c = new SandboxClient(limited).validating();
            assertEquals(200, c.get("/admins").status());
            SandboxClient.Resp tooMany = c.get("/admins");
            assertEquals(429, tooMany.status());
            assertEquals("rate_limit_exceeded", tooMany.errorCode());
            SandboxClient html = new SandboxClient(limited).validating().sendingInvalidRequests(); // the spec only offers JSON
            html.accept = "text/html";
            limited.control().setRateLimit(0);
            SandboxClient.Resp notAcceptable = html.get("/admins");
            assertEquals(406, notAcceptable.status());
            assertEquals("error.list", notAcceptable.json().get("type").asText());
        }
    }
}
