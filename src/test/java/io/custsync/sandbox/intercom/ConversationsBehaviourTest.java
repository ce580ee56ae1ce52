package io.custsync.sandbox.intercom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Conversations: 500 newest parts, source vs parts, customer/admin replies, states. */
class ConversationsBehaviourTest {
    static final long T0 = 1_767_225_600L;
    static IntercomSandbox sandbox;
    static SandboxClient api;

    @BeforeAll
    static void start() {
        sandbox = IntercomSandbox.builder().seed(9).clockStartEpoch(T0).build().start();
        api = new SandboxClient(sandbox);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static List<String> partIds(JsonNode conv) {
        List<String> ids = new ArrayList<>();
        conv.path("conversation_parts").path("conversation_parts").forEach(p -> ids.add(p.get("id").asText()));
        return ids;
    }

    @Test
    void retrieveReturnsOnlyTheFiveHundredNewestParts() {
        JsonNode conv = api.get("/conversations/" + sandbox.control().conversationId(57)).json(); // 57 % 50 == 7 → 600 parts
        List<String> ids = partIds(conv);
        assertEquals(500, ids.size());
        assertEquals(500, conv.path("conversation_parts").path("total_count").asInt());
        assertEquals(600, conv.path("statistics").path("count_conversation_parts").asInt());
        long base = 10_000_000_000L + 57 * 10_000L;
        Set<String> returned = new HashSet<>(ids);
        for (int j = 0; j < 100; j++) {
            assertFalse(returned.contains(Long.toString(base + j)), "oldest part " + j + " must be absent");
        }
        for (int j = 100; j < 600; j++) {
            assertTrue(returned.contains(Long.toString(base + j)), "part " + j + " must be present");
        }
        assertEquals(Long.toString(base + 100), ids.get(0), "oldest first among the 500");
        long prev = 0;
        for (JsonNode p : conv.path("conversation_parts").path("conversation_parts")) {
            assertTrue(p.get("created_at").asLong() >= prev);
            prev = p.get("created_at").asLong();
        }
    }

    @Test
    void growingAConversationPastFiveHundredDropsItsOldestParts() {
        String id = sandbox.control().conversationId(3);
        JsonNode before = api.get("/conversations/" + id).json();
        int initial = partIds(before).size();
        String oldest = partIds(before).get(0);
        sandbox.control().addConversationParts(id, 500, "user", T0 - 60);
        JsonNode after = api.get("/conversations/" + id).json();
        assertEquals(500, partIds(after).size());
        assertFalse(partIds(after).contains(oldest));
        assertEquals(initial + 500, after.path("statistics").path("count_conversation_parts").asInt());
        assertEquals(T0 - 60, after.get("updated_at").asLong());
        assertEquals(T0 - 60, after.path("statistics").path("last_contact_reply_at").asLong());
    }

    @Test
    void openingMessageIsInSourceNotInParts() {
        JsonNode conv = api.get("/conversations/" + sandbox.control().conversationId(1)).json();
        String body = conv.path("source").path("body").asText();
        assertTrue(body.contains("invoice 1"));
        conv.path("conversation_parts").path("conversation_parts").forEach(p -> assertFalse(body.equals(p.path("body").asText())));
        assertEquals("customer_initiated", conv.path("source").path("delivered_as").asText());
        assertEquals("user", conv.path("source").path("author").path("type").asText());
    }

    @Test
    void customerRepliesAdminInitiatedAndStates() {
        JsonNode noReply = api.get("/conversations/" + sandbox.control().conversationId(10)).json(); // 10 % 5 == 0
        noReply.path("conversation_parts").path("conversation_parts").forEach(p ->
                assertEquals("admin", p.path("author").path("type").asText()));
        assertTrue(noReply.path("statistics").path("last_contact_reply_at").isMissingNode()
                || noReply.path("statistics").path("last_contact_reply_at").asLong() == noReply.get("created_at").asLong());
        JsonNode adminInitiated = api.get("/conversations/" + sandbox.control().conversationId(20)).json(); // 20 % 4 == 0
        assertEquals("admin_initiated", adminInitiated.path("source").path("delivered_as").asText());
        assertEquals("admin", adminInitiated.path("source").path("author").path("type").asText());
        assertTrue(adminInitiated.path("statistics").path("last_contact_reply_at").isMissingNode(), "no customer reply");
        JsonNode replied = api.get("/conversations/" + sandbox.control().conversationId(1)).json();
        boolean userPart = false;
        for (JsonNode p : replied.path("conversation_parts").path("conversation_parts")) {
            userPart |= p.path("author").path("type").asText().equals("user");
        }
        assertTrue(userPart);
        Map<String, Integer> states = new java.util.TreeMap<>();
        api.get("/conversations?per_page=150").json().get("conversations").forEach(c ->
                states.merge(c.get("state").asText(), 1, Integer::sum));
        assertEquals(Map.of("closed", 34, "open", 55, "snoozed", 11), states);
    }

    @Test
    void listIsNewestFirstWithoutParts() {
        JsonNode list = api.get("/conversations").json();
        assertEquals(20, list.get("conversations").size());
        assertEquals(100, list.get("total_count").asInt());
        assertTrue(list.get("conversations").get(0).path("conversation_parts").isMissingNode());
        assertTrue(list.get("conversations").get(0).get("updated_at").asLong()
                >= list.get("conversations").get(1).get("updated_at").asLong());
    }

    @Test
    void plaintextDisplay() {
        String id = sandbox.control().conversationId(1);
        JsonNode html = api.get("/conversations/" + id).json();
        JsonNode plain = api.get("/conversations/" + id + "?display_as=plaintext").json();
        assertEquals("<p>Hello, I need support with invoice 1</p>", html.path("source").path("body").asText());
        assertEquals("Hello, I need support with invoice 1", plain.path("source").path("body").asText());
        assertFalse(plain.path("conversation_parts").path("conversation_parts").get(0).path("body").asText().contains("<p>"));
    }
}
