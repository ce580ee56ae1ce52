package io.custsync.sandbox.intercom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The search language: day-granular contact dates, limits, operators, body-only cursor, sorting. */
class SearchBehaviourTest {
    static final long T0 = 1_767_225_600L; // 2026-01-01T00:00:00Z
    static final ZoneId NY = ZoneId.of("America/New_York");
    static IntercomSandbox sandbox;
    static SandboxClient api;

    @BeforeAll
    static void start() {
        sandbox = IntercomSandbox.builder().seed(11).clockStartEpoch(T0).build().start();
        api = new SandboxClient(sandbox);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    static long ny(LocalDateTime t) {
        return t.atZone(NY).toEpochSecond();
    }

    private static Map<String, Object> f(String field, String op, Object value) {
        return Map.of("field", field, "operator", op, "value", value);
    }

    private static Map<String, Object> and(Object... children) {
        return Map.of("operator", "AND", "value", List.of(children));
    }

    private JsonNode search(Object query) {
        SandboxClient.Resp r = api.post("/contacts/search", Map.of("query", query));
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    private int hits(String email, String op, long value) {
        return search(and(f("email", "=", email), f("updated_at", op, value))).get("total_count").asInt();
    }

    @Test
    void contactDatesCompareByCalendarDayInWorkspaceTimeZone() {
        long lateEvening = ny(LocalDateTime.of(2025, 6, 10, 23, 59)); // 2025-06-11T03:59Z
        String email = "late.evening@example.org";
        sandbox.control().createContact(Map.of("email", email), lateEvening);
        long dayStart = ny(LocalDate.of(2025, 6, 10).atStartOfDay());

        assertEquals(1, hits(email, ">", dayStart - 1), "> previous day matches from the start of the day");
        assertEquals(0, hits(email, ">", dayStart), "> any time of the day starts at the next day");
        assertEquals(0, hits(email, ">", dayStart + 12 * 3600));
        assertEquals(0, hits(email, ">", lateEvening - 60));
        assertEquals(1, hits(email, "=", dayStart + 1), "= is the whole day");
        assertEquals(1, hits(email, "=", lateEvening));
        assertEquals(0, hits(email, "=", ny(LocalDateTime.of(2025, 6, 11, 8, 0))), "= the UTC day is another NY day");
        assertEquals(1, hits(email, "<", ny(LocalDate.of(2025, 6, 11).atStartOfDay())));
        assertEquals(0, hits(email, "<", lateEvening + 30), "< is before the day");
        // responses keep full seconds
        JsonNode found = search(f("email", "=", email)).get("data").get(0);
        assertEquals(lateEvening, found.get("updated_at").asLong());
    }

    @Test
    void arithmeticRangeCountAgreesWithScan() {
        long v = sandbox.control().dataStart() + 200L * 86400;
        int pure = search(f("updated_at", ">", v)).get("total_count").asInt();
        int scanned = search(and(f("updated_at", ">", v), f("role", "IN", List.of("user", "lead")))).get("total_count").asInt();
        assertEquals(scanned, pure);
        assertTrue(pure > 100 && pure < 200, "range covers part of the data set: " + pure);
    }

    @Test
    void queryStringCursorIsIgnoredBodyCursorIsUsed() {
        Map<String, Object> body = Map.of("query", f("updated_at", ">", 0), "pagination", Map.of("per_page", 5),
                "sort", Map.of("field", "updated_at", "order", "ascending"));
        JsonNode page1 = api.post("/contacts/search", body).json();
        String cursor = page1.path("pages").path("next").path("starting_after").asText();
        JsonNode again = api.post("/contacts/search?starting_after=" + cursor, body).json();
        assertEquals(1, again.path("pages").path("page").asInt());
        assertEquals(page1.get("data").get(0).get("id"), again.get("data").get(0).get("id"));
        JsonNode page2 = api.post("/contacts/search", Map.of("query", f("updated_at", ">", 0),
                "pagination", Map.of("per_page", 5, "starting_after", cursor),
                "sort", Map.of("field", "updated_at", "order", "ascending"))).json();
        assertEquals(2, page2.path("pages").path("page").asInt());
        assertNotEquals(page1.get("data").get(0).get("id"), page2.get("data").get(0).get("id"));
    }

    @Test
    void pagingAscendingVisitsEveryContactOnceInOrder() {
        List<Long> times = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            Map<String, Object> pagination = cursor == null ? Map.of("per_page", 7) : Map.of("per_page", 7, "starting_after", cursor);
            JsonNode page = api.post("/contacts/search", Map.of("query", f("updated_at", ">", 0), "pagination", pagination,
                    "sort", Map.of("field", "updated_at", "order", "ascending"))).json();
            page.get("data").forEach(c -> {
                assertTrue(ids.add(c.get("id").asText()), "duplicate " + c.get("id"));
                times.add(c.get("updated_at").asLong());
            });
            cursor = page.path("pages").path("next").path("starting_after").asText(null);
            pages++;
        } while (cursor != null);
        long total = api.get("/contacts").json().get("total_count").asLong();
        assertEquals(total, ids.size());
        assertEquals((total + 6) / 7, pages);
        List<Long> sorted = new ArrayList<>(times);
        sorted.sort(null);
        assertEquals(sorted, times);
        JsonNode desc = api.post("/contacts/search", Map.of("query", f("updated_at", ">", 0),
                "pagination", Map.of("per_page", 1))).json();
        assertEquals(times.get(times.size() - 1), desc.get("data").get(0).get("updated_at").asLong(), "default is descending");
    }

    private void assertInvalid(Object query, String messagePart) {
        SandboxClient.Resp r = api.post("/contacts/search", Map.of("query", query));
        assertEquals(400, r.status(), r.body());
        JsonNode body = r.json();
        assertEquals("error.list", body.get("type").asText());
        assertEquals("parameter_invalid", r.errorCode());
        assertTrue(body.path("errors").path(0).path("message").asText().contains(messagePart), r.body());
    }

    @Test
    void groupLimits() {
        List<Object> fifteen = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            fifteen.add(f("name", "!=", "nobody " + i));
        }
        assertEquals(200, api.post("/contacts/search", Map.of("query", Map.of("operator", "OR", "value", fifteen))).status());
        List<Object> sixteen = new ArrayList<>(fifteen);
        sixteen.add(f("name", "!=", "nobody 16"));
        assertInvalid(Map.of("operator", "OR", "value", sixteen), "limit of 15 filters");
        Object twoLevels = and(f("role", "=", "user"), Map.of("operator", "OR", "value", List.of(f("role", "=", "lead"),
                f("name", "~", "a"))));
        assertEquals(200, api.post("/contacts/search", Map.of("query", twoLevels)).status());
        Object threeLevels = and(Map.of("operator", "OR", "value", List.of(and(f("role", "=", "user"), f("name", "~", "a")),
                f("role", "=", "lead"))));
        assertInvalid(threeLevels, "limited to 2 levels");
    }

    @Test
    void operatorsPerFieldType() {
        for (String op : List.of("!=", "<=", ">=")) {
            assertInvalid(f("updated_at", op, T0), "Operator '" + op + "' is not supported for field 'updated_at'");
        }
        assertInvalid(f("created_at", "IN", List.of(T0)), "not supported");
        assertInvalid(f("custom_attributes.renewal_date", "!=", T0), "not supported");
        assertInvalid(f("unsubscribed_from_emails", ">", 1), "not supported");
        assertInvalid(f("tag_id", "IN", List.of("1")), "not supported");
        assertInvalid(f("no_such_field", "=", "x"), "not a supported contact search field");
        assertEquals(200, api.post("/contacts/search", Map.of("query", f("custom_attributes.seats", ">=", 10))).status());
        SandboxClient.Resp conv = api.post("/conversations/search", Map.of("query", f("updated_at", "!=", T0)));
        assertEquals(200, conv.status(), "conversation dates take every integer operator");
        SandboxClient.Resp badSort = api.post("/contacts/search", Map.of("query", f("role", "=", "user"),
                "sort", Map.of("field", "updated_at", "order", "sideways")));
        assertEquals("invalid_sort_order", badSort.errorCode());
    }

    @Test
    void tagAndCustomAttributeFilters() {
        String champion = sandbox.control().tagId("Champion");
        JsonNode found = search(f("tag_id", "=", champion));
        assertTrue(found.get("total_count").asInt() > 10);
        found.get("data").forEach(c -> {
            boolean tagged = false;
            for (JsonNode t : c.path("tags").path("data")) {
                tagged |= t.get("id").asText().equals(champion);
            }
            assertTrue(tagged || c.path("tags").path("has_more").asBoolean(), c.get("id").asText());
        });
        JsonNode pro = search(f("custom_attributes.plan_tier", "=", "pro"));
        pro.get("data").forEach(c -> assertEquals("pro", c.path("custom_attributes").path("plan_tier").asText()));
    }

    @Test
    void conversationAndTicketDatesHaveSecondPrecision() {
        String id = sandbox.control().conversationId(42);
        long updated = api.get("/conversations/" + id).json().get("updated_at").asLong();
        Map<String, Object> idFilter = f("id", "=", id);
        assertEquals(1, api.post("/conversations/search", Map.of("query", and(idFilter, f("updated_at", ">", updated - 1))))
                .json().get("total_count").asInt());
        assertEquals(0, api.post("/conversations/search", Map.of("query", and(idFilter, f("updated_at", ">", updated))))
                .json().get("total_count").asInt());
        assertEquals(1, api.post("/conversations/search", Map.of("query", and(idFilter, f("updated_at", "=", updated))))
                .json().get("total_count").asInt());
        String ticket = sandbox.control().ticketId(3);
        long tUpdated = api.get("/tickets/" + ticket).json().get("updated_at").asLong();
        assertEquals(1, api.post("/tickets/search", Map.of("query", and(f("id", "=", ticket), f("updated_at", ">=", tUpdated))))
                .json().get("total_count").asInt());
        assertEquals(0, api.post("/tickets/search", Map.of("query", and(f("id", "=", ticket), f("updated_at", ">", tUpdated))))
                .json().get("total_count").asInt());
    }

    @Test
    void conversationSourceBodyMatchesPerWord() {
        JsonNode found = api.post("/conversations/search", Map.of("query", f("source.body", "=", "support"),
                "pagination", Map.of("per_page", 150))).json();
        assertEquals(100, found.get("total_count").asInt(), "every generated opening message contains 'support'");
        assertEquals(0, api.post("/conversations/search", Map.of("query", f("source.body", "=", "supp"))).json()
                .get("total_count").asInt());
    }
}
