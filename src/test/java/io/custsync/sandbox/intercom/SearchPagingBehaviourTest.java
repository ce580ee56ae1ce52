package io.custsync.sandbox.intercom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a search cursor promises and nothing more (Intercom documents {@code starting_after} only as the way "to iterate
 * through a result set until all results have been fetched"): where the docs are silent the sandbox takes the least
 * convenient behaviour a real server could legally have, and these tests pin it down.
 */
class SearchPagingBehaviourTest {
    static final long T0 = 1_767_225_600L; // 2026-01-01T00:00:00Z
    static IntercomSandbox sandbox;
    static SandboxClient api;

    @BeforeAll
    static void start() {
        sandbox = IntercomSandbox.builder().seed(23).contacts(120).clockStartEpoch(T0).build().start();
        api = new SandboxClient(sandbox).validating();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static Map<String, Object> gt(long value) {
        return Map.of("field", "updated_at", "operator", ">", "value", value);
    }

    private static Map<String, Object> body(Object query, int perPage, String cursor, String order) {
        Map<String, Object> pagination = new LinkedHashMap<>();
        pagination.put("per_page", perPage);
        if (cursor != null) {
            pagination.put("starting_after", cursor);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query);
        body.put("pagination", pagination);
        if (order != null) {
            body.put("sort", Map.of("field", "updated_at", "order", order));
        }
        return body;
    }

    private static JsonNode page(Object query, int perPage, String cursor, String order) {
        SandboxClient.Resp r = api.post("/contacts/search", body(query, perPage, cursor, order));
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    private static String next(JsonNode page) {
        return page.path("pages").path("next").path("starting_after").asText(null);
    }

    /** Every id of a search, page by page, in order. */
    private static List<String> all(Object query, int perPage, String order) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = page(query, perPage, cursor, order);
            page.path("data").forEach(c -> ids.add(c.path("id").asText()));
            cursor = next(page);
        } while (cursor != null);
        return ids;
    }

    @Test
    void aCursorIsAnsweredOnceAndOnlyWithItsOwnQuerySortAndPageSize() {
        long from = sandbox.control().dataStart();
        JsonNode first = page(gt(from), 10, null, "ascending");
        String cursor = next(first);

        // The same cursor with a later query (what a client does when it rebuilds the query from a checkpoint that
        // moved after page 1): refused, with an error the spec allows.
        for (Map<String, Object> other : List.of(body(gt(from + 86400), 10, cursor, "ascending"),
                body(gt(from), 10, cursor, "descending"), body(gt(from), 10, cursor, null), body(gt(from), 20, cursor, "ascending"))) {
            SandboxClient.Resp refused = api.post("/contacts/search", other);
            assertEquals(400, refused.status(), refused.body());
            assertEquals("parameter_invalid", refused.errorCode());
            assertEquals("starting_after", refused.json().path("errors").path(0).path("field").asText());
        }

        // With its own body it goes on, once: a retried page (the same cursor again) is refused too.
        JsonNode second = page(gt(from), 10, cursor, "ascending");
        assertEquals(2, second.path("pages").path("page").asInt());
        assertNotEquals(first.path("data").get(0).path("id"), second.path("data").get(0).path("id"));
        SandboxClient.Resp again = api.post("/contacts/search", body(gt(from), 10, cursor, "ascending"));
        assertEquals(400, again.status(), again.body());
        assertEquals("parameter_invalid", again.errorCode());
        assertEquals(3, page(gt(from), 10, next(second), "ascending").path("pages").path("page").asInt());
    }

    @Test
    void aListCursorIsNoSearchCursor() {
        String listCursor = next(api.get("/contacts?per_page=5").json());
        SandboxClient.Resp refused = api.post("/contacts/search", body(gt(0), 5, listCursor, "ascending"));
        assertEquals(400, refused.status());
        assertEquals("parameter_invalid", refused.errorCode());
    }

    @Test
    void recordsWithEqualUpdatedAtComeInAnotherOrderEachSearchButEachOnceWithinOne() {
        long at = T0 - 7 * 86400 + 3600;
        Set<String> tied = new HashSet<>();
        for (int i = 0; i < 12; i++) {
            tied.add(sandbox.control().createContact(Map.of("email", "tie" + i + "@ties.example.org"), at));
        }
        Map<String, Object> query = Map.of("operator", "AND", "value", List.of(gt(at - 86400),
                Map.of("field", "email", "operator", "$", "value", "@ties.example.org")));
        Set<List<String>> orders = new HashSet<>();
        for (int run = 0; run < 4; run++) {
            List<String> ids = all(query, 5, "ascending");
            assertEquals(tied.size(), ids.size(), "each once: " + ids);
            assertEquals(tied, new HashSet<>(ids));
            orders.add(ids);
        }
        assertTrue(orders.size() > 1, "ties are not ordered the same way by every search");
    }

    @Test
    void aRecordChangedWhilePagingKeepsItsOldPlaceWithItsNewContentAndANewOneDoesNotCome() {
        Object query = gt(sandbox.control().dataStart() - 86400);
        List<String> before = all(query, 200, "ascending");
        assertTrue(before.size() > 30, "enough contacts in the window: " + before.size());

        JsonNode first = page(query, 10, null, "ascending");
        String cursor = next(first);
        String moved = before.get(20); // not read yet: it will be met at its old place, updated meanwhile
        sandbox.control().updateContact(moved, Map.of("name", "Changed While Paging"), T0 + 60);
        String created = sandbox.control().createContact(Map.of("email", "while.paging@example.org"), T0 + 120);

        List<String> seen = new ArrayList<>();
        first.path("data").forEach(c -> seen.add(c.path("id").asText()));
        Map<String, JsonNode> byId = new HashMap<>();
        while (cursor != null) {
            JsonNode page = page(query, 10, cursor, "ascending");
            page.path("data").forEach(c -> {
                seen.add(c.path("id").asText());
                byId.put(c.path("id").asText(), c);
            });
            cursor = next(page);
        }
        assertEquals(before, seen, "the result set and its order as they were when the search began");
        assertEquals("Changed While Paging", byId.get(moved).path("name").asText(), "with what the record holds now");
        assertEquals(T0 + 60, byId.get(moved).path("updated_at").asLong(), "out of ascending order: at its old place");
        assertFalse(seen.contains(created));
        assertNull(byId.get(created));
        // A search begun now sees both where they are now: last.
        List<String> now = all(query, 200, "ascending");
        assertEquals(List.of(moved, created), now.subList(now.size() - 2, now.size()));
    }
}
