package io.custsync.sandbox.intercom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One scroll per app with idle expiry, page-number paging with the 10,000 cap, company lookups. */
class CompaniesBehaviourTest {
    static final long T0 = 1_767_225_600L;
    IntercomSandbox sandbox;
    SandboxClient api;

    private void start(IntercomSandbox.Builder b) {
        sandbox = b.clockStartEpoch(T0).build().start();
        sandbox.control().freezeClock();
        api = new SandboxClient(sandbox);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void oneScrollPerAppUntilItEndsOrExpires() {
        start(IntercomSandbox.builder().seed(5));
        JsonNode first = api.get("/companies/scroll").json();
        String param = first.get("scroll_param").asText();
        Set<String> seen = new HashSet<>();
        first.get("data").forEach(c -> seen.add(c.get("id").asText()));
        SandboxClient.Resp second = api.get("/companies/scroll");
        assertEquals(400, second.status());
        assertEquals("scroll_exists", second.errorCode());
        assertEquals("scroll already exists for this app", second.json().path("errors").path(0).path("message").asText());
        int calls = 1;
        while (true) {
            sandbox.control().advanceClock(59); // just inside the idle limit every time
            JsonNode page = api.get("/companies/scroll?scroll_param=" + param).json();
            calls++;
            assertEquals(param, page.get("scroll_param").asText());
            if (page.get("data").isEmpty()) {
                break;
            }
            page.get("data").forEach(c -> assertTrue(seen.add(c.get("id").asText())));
        }
        assertEquals(50, seen.size());
        assertEquals(5, calls, "4 pages of 15 + the empty end page");
        assertEquals(404, api.get("/companies/scroll?scroll_param=" + param).status(), "param expires at the end");
        assertEquals(200, api.get("/companies/scroll").status(), "a new scroll may start after the end");
    }

    @Test
    void idleScrollExpiresAfterSixtySeconds() {
        start(IntercomSandbox.builder().seed(5));
        String param = api.get("/companies/scroll").json().get("scroll_param").asText();
        sandbox.control().advanceClock(60);
        SandboxClient.Resp expired = api.get("/companies/scroll?scroll_param=" + param);
        assertEquals(404, expired.status());
        assertEquals("not_found", expired.errorCode());
        assertEquals(200, api.get("/companies/scroll").status(), "expired scroll no longer blocks a new one");
    }

    @Test
    void companiesListIsCappedAtTenThousand() {
        start(IntercomSandbox.builder().seed(5).companies(12_000).contacts(24_000).conversations(10).tickets(1));
        JsonNode page1 = api.post("/companies/list?per_page=50", null).json();
        long total = page1.get("total_count").asLong();
        assertTrue(total > 10_000, "companies with users: " + total);
        assertEquals(200, page1.path("pages").path("total_pages").asInt());
        assertEquals("/companies/list?page=2&per_page=50", page1.path("pages").path("next").asText());
        JsonNode last = api.post("/companies/list?per_page=50&page=200", null).json();
        assertEquals(50, last.get("data").size());
        assertTrue(last.path("pages").path("next").isNull());
        assertEquals(0, api.post("/companies/list?per_page=50&page=201", null).json().get("data").size());
        long prev = Long.MAX_VALUE;
        for (JsonNode c : page1.get("data")) {
            assertTrue(c.get("last_request_at").asLong() <= prev, "sorted by last_request_at descending");
            assertTrue(c.get("user_count").asInt() > 0);
            prev = c.get("last_request_at").asLong();
        }
    }

    @Test
    void lookupsUpsertAndMembers() {
        start(IntercomSandbox.builder().seed(5));
        JsonNode byKey = api.get("/companies?company_id=cmp-0000007").json();
        assertEquals("list", byKey.get("type").asText());
        String id = byKey.get("data").get(0).get("id").asText();
        assertEquals(sandbox.control().companyId(7), id);
        JsonNode updated = api.post("/companies", Map.of("company_id", "cmp-0000007", "plan", "Scale")).json();
        assertEquals(id, updated.get("id").asText(), "POST /companies upserts by company_id");
        assertEquals("Scale", updated.path("plan").path("name").asText());
        assertEquals(T0, updated.get("updated_at").asLong());
        SandboxClient.Resp badParam = api.post("/companies", Map.of("company_id", "cmp-0000007", "test", "x"));
        assertEquals("bad_request", badParam.errorCode());
        assertEquals("bad 'test' parameter", badParam.json().path("errors").path(0).path("message").asText());
        SandboxClient.Resp badAttr = api.post("/companies", Map.of("company_id", "cmp-0000007",
                "custom_attributes", Map.of("arr", "lots")));
        assertEquals("parameter_invalid", badAttr.errorCode());
        JsonNode members = api.get("/companies/" + id + "/contacts").json();
        int userCount = api.get("/companies/" + id).json().get("user_count").asInt();
        assertEquals(userCount, members.get("total_count").asInt());
        assertTrue(userCount > 0);
        String contact = members.get("data").get(0).get("id").asText();
        api.delete("/contacts/" + contact + "/companies/" + id);
        assertEquals(userCount - 1, api.get("/companies/" + id).json().get("user_count").asInt());
        api.delete("/companies/" + id);
        assertEquals("company_not_found", api.get("/companies?company_id=cmp-0000007").errorCode());
    }
}
