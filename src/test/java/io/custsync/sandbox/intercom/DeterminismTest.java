package io.custsync.sandbox.intercom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** Same seed and sizes ⇒ same data, whatever the order of requests; another seed ⇒ other data. */
class DeterminismTest {
    static final long T0 = 1_767_225_600L;

    private static IntercomSandbox sandbox(long seed) {
        return IntercomSandbox.builder().seed(seed).clockStartEpoch(T0).build().start();
    }

    private static String stable(JsonNode n) {
        return n.toString();
    }

    @Test
    void sameSeedSameData() {
        try (IntercomSandbox a = sandbox(42); IntercomSandbox b = sandbox(42); IntercomSandbox c = sandbox(43)) {
            SandboxClient ca = new SandboxClient(a);
            SandboxClient cb = new SandboxClient(b);
            SandboxClient cc = new SandboxClient(c);
            String conv = a.control().conversationId(12);
            cb.get("/conversations/" + conv); // a different request order must not matter
            assertEquals(stable(ca.get("/contacts?per_page=50").json()), stable(cb.get("/contacts?per_page=50").json()));
            assertEquals(stable(ca.get("/conversations/" + conv).json()), stable(cb.get("/conversations/" + conv).json()));
            assertEquals(stable(ca.get("/companies/" + a.control().companyId(9)).json()),
                    stable(cb.get("/companies/" + b.control().companyId(9)).json()));
            assertEquals(stable(ca.post("/tickets/search", java.util.Map.of("query", java.util.Map.of("field", "open",
                    "operator", "=", "value", true))).json()), stable(cb.post("/tickets/search", java.util.Map.of("query",
                    java.util.Map.of("field", "open", "operator", "=", "value", true))).json()));
            assertNotEquals(a.control().contactId(0), c.control().contactId(0));
            assertNotEquals(ca.get("/contacts/" + a.control().contactId(3)).json().get("name"),
                    cc.get("/contacts/" + c.control().contactId(3)).json().get("name"));
        }
    }

    @Test
    void generationRulesGiveExactValues() {
        try (IntercomSandbox sb = sandbox(42)) {
            SandboxClient api = new SandboxClient(sb);
            JsonNode user = api.get("/contacts/" + sb.control().contactId(3)).json();
            assertEquals("user", user.get("role").asText());
            assertEquals("user-3", user.get("external_id").asText());
            assertEquals(EXPECTED_CONTACT_3_NAME, user.get("name").asText());
            assertEquals(EXPECTED_CONTACT_3_EMAIL, user.get("email").asText());
            assertEquals(0, user.path("companies").path("total_count").asInt(), "index % 7 == 3 ⇒ no company");
            JsonNode lead = api.get("/contacts/" + sb.control().contactId(9)).json();
            assertEquals("lead", lead.get("role").asText());
            assertEquals(sb.control().companyId(9), lead.path("companies").path("data").path(0).path("id").asText());
            long start = sb.control().dataStart();
            assertEquals(start + 2L * 365 * 86400 * 9 / 200, lead.get("updated_at").asLong());
            assertEquals(T0, sb.control().dataEnd());
            JsonNode co = api.get("/companies/" + sb.control().companyId(9)).json();
            assertEquals("cmp-0000009", co.get("company_id").asText());
            assertEquals(EXPECTED_COMPANY_9_NAME, co.get("name").asText());
            JsonNode conv = api.get("/conversations/" + sb.control().conversationId(12)).json();
            assertEquals("215000000000012", conv.get("id").asText());
            assertEquals("closed", conv.get("state").asText());
            assertEquals(1 + 12 % 12, conv.path("statistics").path("count_conversation_parts").asInt());
        }
    }

    // Pinned outputs of seed 42: a change here means every seeded fixture downstream changes too.
    static final String EXPECTED_CONTACT_3_NAME = "Tara Smith";
    static final String EXPECTED_CONTACT_3_EMAIL = "tara.smith.3@umbrella.example.com";
    static final String EXPECTED_COMPANY_9_NAME = "Tyrell Nakatomi Systems 9";
}
