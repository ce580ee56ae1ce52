package io.custsync.sandbox.intercom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The full-size data set (1,000,000 contacts, 200,000 companies, 500,000 conversations) is cheap because records are
 * generated on demand: building it allocates nothing per record, and a page from the middle is a seek. The heap bound
 * asserted here (well under 512 MB) is a rough check of that design, not a timing test.
 */
class ScaleTest {
    static final long T0 = 1_767_225_600L;
    static final ZoneId NY = ZoneId.of("America/New_York");

    private static long usedHeapAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    @Test
    void millionContactsServeMiddlePagesWithinAFewMegabytes() {
        long before = usedHeapAfterGc();
        try (IntercomSandbox sb = IntercomSandbox.builder().seed(42).contacts(1_000_000).companies(200_000)
                .conversations(500_000).tickets(1_000).rateLimitPer10s(0).clockStartEpoch(T0).build().start()) {
            SandboxClient api = new SandboxClient(sb);
            IntercomControl ctl = sb.control();

            // A list page from the middle (cursor positioned after contact 499,999).
            String cursor = Paging.encode(50_001, 0, 499_999);
            JsonNode list = api.get("/contacts?starting_after=" + cursor).json();
            assertEquals(1_000_000, list.get("total_count").asLong());
            assertEquals(50_001, list.path("pages").path("page").asInt());
            assertEquals(100_000, list.path("pages").path("total_pages").asInt());
            for (int i = 0; i < 10; i++) {
                assertEquals(ctl.contactId(500_000 + i), list.get("data").get(i).get("id").asText());
            }

            // A search page from the middle: updated_at > (day of contact 500,000), ascending.
            long mid = api.get("/contacts/" + ctl.contactId(500_000)).json().get("updated_at").asLong();
            JsonNode page = api.post("/contacts/search", Map.of("query", Map.of("field", "updated_at", "operator", ">",
                    "value", mid), "pagination", Map.of("per_page", 50),
                    "sort", Map.of("field", "updated_at", "order", "ascending"))).json();
            long nextDay = LocalDate.ofInstant(Instant.ofEpochSecond(mid), NY).plusDays(1).atStartOfDay(NY).toEpochSecond();
            long start = ctl.dataStart();
            long span = ctl.dataEnd() - start;
            long expected = 0;
            for (long i = 0; i < 1_000_000; i++) {
                if (start + (i * span) / 1_000_000 >= nextDay) {
                    expected++;
                }
            }
            assertEquals(expected, page.get("total_count").asLong());
            assertTrue(expected > 400_000 && expected < 500_000);
            assertEquals(50, page.get("data").size());
            long first = page.get("data").get(0).get("updated_at").asLong();
            assertTrue(first >= nextDay && first < nextDay + 86400);
            JsonNode page2 = api.post("/contacts/search", Map.of("query", Map.of("field", "updated_at", "operator", ">",
                    "value", mid), "pagination", Map.of("per_page", 50, "starting_after",
                    page.path("pages").path("next").path("starting_after").asText()),
                    "sort", Map.of("field", "updated_at", "order", "ascending"))).json();
            assertTrue(page2.get("data").get(0).get("updated_at").asLong()
                    >= page.get("data").get(49).get("updated_at").asLong());

            // Key lookups (email / external_id) answer without scanning the million.
            JsonNode deep = api.get("/contacts/" + ctl.contactId(765_432)).json();
            JsonNode byEmail = api.post("/contacts/search", Map.of("query", Map.of("operator", "AND", "value", java.util.List.of(
                    Map.of("field", "email", "operator", "=", "value", deep.get("email").asText()),
                    Map.of("field", "role", "operator", "=", "value", "user"))))).json();
            assertEquals(1, byEmail.get("total_count").asInt());
            assertEquals(ctl.contactId(765_432), byEmail.get("data").get(0).get("id").asText());
            assertEquals(1, api.post("/contacts/search", Map.of("query", Map.of("field", "external_id", "operator", "=",
                    "value", "user-765432"))).json().get("total_count").asInt());

            // Conversations and companies from the middle.
            JsonNode conv = api.get("/conversations/" + ctl.conversationId(250_007)).json(); // 600 parts
            assertEquals(500, conv.path("conversation_parts").path("conversation_parts").size());
            long convMid = conv.get("updated_at").asLong();
            JsonNode convs = api.post("/conversations/search", Map.of("query", Map.of("field", "updated_at",
                    "operator", ">", "value", convMid))).json();
            assertEquals(20, convs.get("conversations").size());
            assertTrue(convs.get("total_count").asLong() > 200_000 && convs.get("total_count").asLong() < 250_000);
            JsonNode company = api.get("/companies?company_id=cmp-0100000").json().get("data").get(0);
            assertEquals(ctl.companyId(100_000), company.get("id").asText());
            assertTrue(company.get("user_count").asInt() >= 4);

            long used = usedHeapAfterGc() - before;
            assertTrue(used < 64L * 1024 * 1024, "heap held by the running 1M sandbox: " + used / (1024 * 1024) + " MB");
        }
    }
}
