package io.custsync.sandbox.intercom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Contacts: 409 duplicates, archived invisibility, merged 410, sub-list limits, custom attribute checks. */
class ContactsBehaviourTest {
    static final long T0 = 1_767_225_600L;
    IntercomSandbox sandbox;
    SandboxClient api;

    @BeforeEach
    void start() {
        sandbox = IntercomSandbox.builder().seed(3).clockStartEpoch(T0).build().start();
        api = new SandboxClient(sandbox);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private Set<String> allListedIds() {
        Set<String> ids = new HashSet<>();
        String cursor = null;
        do {
            JsonNode page = api.get("/contacts?per_page=150" + (cursor == null ? "" : "&starting_after=" + cursor)).json();
            page.get("data").forEach(c -> ids.add(c.get("id").asText()));
            cursor = page.path("pages").path("next").path("starting_after").asText(null);
        } while (cursor != null);
        return ids;
    }

    private int searchCount(String field, String value) {
        return api.post("/contacts/search", Map.of("query", Map.of("field", field, "operator", "=", "value", value)))
                .json().get("total_count").asInt();
    }

    @Test
    void duplicateCreateIsConflictWithExistingId() {
        JsonNode generated = api.get("/contacts/" + sandbox.control().contactId(5)).json();
        SandboxClient.Resp byEmail = api.post("/contacts", Map.of("email", generated.get("email").asText()));
        assertEquals(409, byEmail.status());
        assertEquals("conflict", byEmail.errorCode());
        assertEquals("A contact matching those details already exists with id=" + generated.get("id").asText(),
                byEmail.json().path("errors").path(0).path("message").asText());
        SandboxClient.Resp byExternal = api.post("/contacts", Map.of("external_id", "user-5", "email", "other@example.org"));
        assertEquals(409, byExternal.status());
        assertTrue(byExternal.json().path("errors").path(0).path("message").asText().endsWith("id=" + generated.get("id").asText()));
        // archived contacts still count as duplicates
        String archived = api.post("/contacts", Map.of("email", "gone@example.org")).json().get("id").asText();
        api.post("/contacts/" + archived + "/archive", null);
        SandboxClient.Resp again = api.post("/contacts", Map.of("email", "gone@example.org"));
        assertEquals(409, again.status());
        assertTrue(again.body().contains("id=" + archived));
    }

    @Test
    void archivedContactIsInvisibleUntilUnarchived() {
        String id = sandbox.control().contactId(17);
        String email = api.get("/contacts/" + id).json().get("email").asText();
        long before = api.get("/contacts").json().get("total_count").asLong();
        JsonNode archived = api.post("/contacts/" + id + "/archive", null).json();
        assertEquals(Map.of("type", "contact", "id", id, "external_id", "user-17", "archived", true),
                SandboxClient.JSON.convertValue(archived, Map.class));
        SandboxClient.Resp get = api.get("/contacts/" + id);
        assertEquals(404, get.status());
        assertEquals("not_found", get.errorCode());
        assertFalse(allListedIds().contains(id));
        assertEquals(before - 1, api.get("/contacts").json().get("total_count").asLong());
        assertEquals(0, searchCount("email", email));
        assertEquals(200, api.post("/contacts/" + id + "/unarchive", null).status());
        assertEquals(200, api.get("/contacts/" + id).status());
        assertTrue(allListedIds().contains(id));
        assertEquals(1, searchCount("email", email));
    }

    @Test
    void mergedLeadAnswers410WithCanonicalLink() {
        String lead = sandbox.control().contactId(4); // index % 5 == 4 → lead
        String user = sandbox.control().contactId(6);
        assertEquals("lead", api.get("/contacts/" + lead).json().get("role").asText());
        JsonNode into = api.post("/contacts/merge", Map.of("from", lead, "into", user)).json();
        assertEquals(user, into.get("id").asText());
        assertEquals(lead, into.path("merge_history").path(0).path("source_contact_id").asText());
        SandboxClient.Resp gone = api.get("/contacts/" + lead);
        assertEquals(410, gone.status());
        assertEquals("contact_merged", gone.errorCode());
        assertEquals("</contacts/" + user + ">; rel=\"canonical\"", gone.header("Link"));
        assertFalse(allListedIds().contains(lead));
        assertEquals(400, api.post("/contacts/merge", Map.of("from", user, "into", sandbox.control().contactId(7))).status(),
                "only leads merge into users");
    }

    @Test
    void embeddedSubListsHoldAtMostTenItems() {
        JsonNode heavy = api.get("/contacts/" + sandbox.control().contactId(51)).json(); // 51 % 50 == 1
        JsonNode companies = heavy.get("companies");
        assertEquals(10, companies.get("data").size());
        assertEquals(12, companies.get("total_count").asInt());
        assertTrue(companies.get("has_more").asBoolean());
        assertEquals("/contacts/" + heavy.get("id").asText() + "/companies", companies.get("url").asText());
        JsonNode tags = heavy.get("tags");
        assertEquals(10, tags.get("data").size());
        assertEquals(12, tags.get("total_count").asInt());
        assertTrue(tags.get("has_more").asBoolean());
        assertEquals(12, api.get("/contacts/" + heavy.get("id").asText() + "/companies").json().get("data").size());
        assertEquals(12, api.get("/contacts/" + heavy.get("id").asText() + "/tags").json().get("data").size());
        JsonNode light = api.get("/contacts/" + sandbox.control().contactId(2)).json();
        assertEquals(1, light.get("companies").get("total_count").asInt());
        assertFalse(light.get("companies").get("has_more").asBoolean());
    }

    @Test
    void customAttributesMustExistAndMatchTheirType() {
        String id = sandbox.control().contactId(8);
        SandboxClient.Resp unknown = api.put("/contacts/" + id, Map.of("custom_attributes", Map.of("healthscore", 87)));
        assertEquals(400, unknown.status());
        assertEquals("parameter_invalid", unknown.errorCode());
        SandboxClient.Resp wrongType = api.put("/contacts/" + id, Map.of("custom_attributes", Map.of("seats", "many")));
        assertEquals("parameter_invalid", wrongType.errorCode());
        assertEquals(200, api.post("/data_attributes", Map.of("name", "healthscore", "model", "contact",
                "data_type", "integer")).status());
        SandboxClient.Resp duplicate = api.post("/data_attributes", Map.of("name", "healthscore", "model", "contact",
                "data_type", "integer"));
        assertEquals(400, duplicate.status());
        assertEquals("parameter_invalid", duplicate.errorCode());
        JsonNode ok = api.put("/contacts/" + id, Map.of("custom_attributes", Map.of("healthscore", 87))).json();
        assertEquals(87, ok.path("custom_attributes").path("healthscore").asInt());
        assertEquals("pro", api.put("/contacts/" + id, Map.of("custom_attributes", Map.of("plan_tier", "pro"))).json()
                .path("custom_attributes").path("plan_tier").asText(), "partial merge keeps other keys");
        assertEquals(87, api.get("/contacts/" + id).json().path("custom_attributes").path("healthscore").asInt());
        java.util.HashMap<String, Object> clear = new java.util.HashMap<>();
        clear.put("healthscore", null);
        assertTrue(api.put("/contacts/" + id, Map.of("custom_attributes", clear)).json().path("custom_attributes")
                .path("healthscore").isMissingNode(), "null clears");
    }

    @Test
    void updateMovesContactInUpdatedAtOrder() {
        String id = sandbox.control().contactId(0); // the oldest generated contact
        sandbox.control().setClock(T0 + 3600);
        JsonNode updated = api.put("/contacts/" + id, Map.of("name", "Fresh")).json();
        assertEquals(T0 + 3600, updated.get("updated_at").asLong());
        JsonNode newest = api.post("/contacts/search", Map.of("query", Map.of("field", "updated_at", "operator", ">",
                "value", 0), "pagination", Map.of("per_page", 1))).json();
        assertEquals(id, newest.get("data").get(0).get("id").asText());
    }

    @Test
    void searchLagMakesSearchThenCreateRaceEndInConflict() {
        sandbox.control().freezeClock();
        sandbox.control().setSearchLag(120);
        String id = api.post("/contacts", Map.of("email", "race@example.org")).json().get("id").asText();
        assertEquals(0, searchCount("email", "race@example.org"), "not indexed yet");
        assertEquals(0, api.post("/contacts/search", Map.of("query", Map.of("field", "updated_at", "operator", ">",
                "value", T0 - 86400))).json().get("total_count").asInt(), "arithmetic range count honours the lag too");
        SandboxClient.Resp again = api.post("/contacts", Map.of("email", "race@example.org"));
        assertEquals(409, again.status());
        assertTrue(again.body().contains("id=" + id));
        assertEquals(200, api.get("/contacts/" + id).status(), "GET by id is immediate");
        sandbox.control().advanceClock(120);
        assertEquals(1, searchCount("email", "race@example.org"));
    }
}
