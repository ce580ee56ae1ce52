package io.custsync.sync.intercom;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.custsync.TestService;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The intercom-conversations templated route: known customers only, parts kept past Intercom's 500, tickets alike. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IntercomConversationsFlowTest {

    private static final String FLOW = "intercom-conversations";
    private static TestService service;

    @BeforeAll
    static void start() throws Exception {
        service = TestService.start(IntercomFlowTestSupport.props(TestService.newStoreDir(), IntercomFlowTestSupport.INTERCOM_AS_CRM));
        assertThat(service.runFlow("intercom-companies")).containsEntry("outcome", "succeeded");
        assertThat(service.runFlow("intercom-contacts")).containsEntry("outcome", "succeeded");
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    @Order(1)
    void aFullRunStoresEveryConversationOfKnownContactsWithItsParts() throws Exception {
        List<JsonNode> expected = IntercomFlowTestSupport.all(service, "conversations", "conversations");
        long expectedParts = 0;
        for (JsonNode conversation : expected) {
            expectedParts += IntercomFlowTestSupport.api(service, "GET", "/conversations/" + conversation.path("id").asText(), null)
                    .path("conversation_parts").path("conversation_parts").size();
        }
        Map<String, Object> run = service.runFlow(FLOW);
        assertThat(run).containsEntry("outcome", "succeeded").containsEntry("records_written", (long) expected.size())
                .containsEntry("records_dead_lettered", 0L);
        assertThat(service.count("SELECT count(*) FROM conversations")).isEqualTo(expected.size());
        assertThat(service.count("SELECT count(*) FROM conversation_parts")).isEqualTo(expectedParts);
        // Every seeded conversation's contact was synced, so every one is linked to its contact.
        assertThat(service.count("SELECT count(DISTINCT conversation_id) FROM conversation_contacts WHERE contact_id IS NOT NULL"))
                .isEqualTo(expected.size());

        Map<String, Object> again = service.runFlow(FLOW);
        assertThat(again).containsEntry("outcome", "succeeded").containsEntry("records_written", 0L);
    }

    @Test
    @Order(2)
    void onlyConversationsOfKnownContactsOrCustomerDomainsAreKept() {
        long before = service.count("SELECT count(*) FROM conversations");
        long now = Instant.now().getEpochSecond() - 5;
        String stranger = service.sandbox().createContact(Map.of("role", "user", "email", "someone@unknown-domain.example"), now);
        String strangers = service.sandbox().createConversation(stranger,
                Map.of("delivered_as", "customer_initiated", "subject", "Who am I?"), now);
        String domain = service.jdbc().queryForObject("SELECT domain FROM customers WHERE domain IS NOT NULL ORDER BY id LIMIT 1", String.class);
        String newcomer = service.sandbox().createContact(Map.of("role", "user", "email", "new.person@" + domain), now);
        String newcomers = service.sandbox().createConversation(newcomer,
                Map.of("delivered_as", "customer_initiated", "subject", "Hello from a customer domain"), now);

        Map<String, Object> run = service.runFlow(FLOW);
        assertThat(run).containsEntry("outcome", "succeeded").containsEntry("records_written", 1L);
        assertThat(service.count("SELECT count(*) FROM conversations")).isEqualTo(before + 1);
        assertThat(service.count("SELECT count(*) FROM conversations WHERE intercom_id = ?", strangers)).isZero();
        assertThat(service.jdbc().queryForObject("SELECT c.domain FROM conversations v JOIN customers c ON c.id = v.customer_id "
                + "WHERE v.intercom_id = ?", String.class, newcomers)).isEqualTo(domain);
    }

    @Test
    @Order(3)
    void partsOlderThanIntercomsNewest500StayInTheStore() throws Exception {
        Map<String, Object> small = service.jdbc().queryForMap("""
                SELECT v.intercom_id, count(p.part_id) AS parts FROM conversations v JOIN conversation_parts p ON p.conversation_id = v.id
                GROUP BY v.intercom_id HAVING count(p.part_id) BETWEEN 1 AND 400 ORDER BY v.intercom_id LIMIT 1""");
        String id = (String) small.get("intercom_id");
        String storedParts = "SELECT count(*) FROM conversation_parts p JOIN conversations v ON v.id = p.conversation_id WHERE v.intercom_id = ?";
        // Grows to 500 parts: all still visible, all stored.
        service.sandbox().addConversationParts(id, 500 - ((Number) small.get("parts")).intValue(), "user", Instant.now().getEpochSecond() - 3);
        assertThat(service.runFlow(FLOW)).containsEntry("outcome", "succeeded");
        assertThat(service.count(storedParts, id)).isEqualTo(500);

        // Grows to 600: Intercom now returns only the newest 500, the oldest 100 are no longer visible there ...
        service.sandbox().addConversationParts(id, 100, "admin", Instant.now().getEpochSecond() - 2);
        assertThat(IntercomFlowTestSupport.api(service, "GET", "/conversations/" + id, null)
                .path("conversation_parts").path("conversation_parts").size()).isEqualTo(500);
        assertThat(service.runFlow(FLOW)).containsEntry("outcome", "succeeded");
        // ... but all 600 are in the store.
        assertThat(service.count(storedParts, id)).isEqualTo(600);
    }

    @Test
    @Order(4)
    void ticketsAreImportedWithTypeStateContactsAndCustomer() throws Exception {
        List<JsonNode> expected = IntercomFlowTestSupport.all(service, "tickets", "tickets");
        Map<String, Object> run = service.runFlow("intercom-tickets");
        assertThat(run).containsEntry("outcome", "succeeded").containsEntry("records_written", (long) expected.size());
        assertThat(service.count("SELECT count(*) FROM tickets")).isEqualTo(expected.size());
        assertThat(service.count("SELECT count(*) FROM tickets WHERE ticket_type_name IS NOT NULL AND state_category IN "
                + "('submitted', 'in_progress', 'waiting_on_customer', 'resolved') AND title IS NOT NULL")).isEqualTo(expected.size());
        assertThat(service.count("SELECT count(*) FROM tickets WHERE customer_id IS NOT NULL")).isPositive();

        JsonNode ticket = expected.get(0);
        String resolved = null;
        for (JsonNode state : IntercomFlowTestSupport.api(service, "GET", "/ticket_states", null).path("data")) {
            if (!state.path("id").asText().equals(ticket.path("ticket_state").path("id").asText())) {
                resolved = state.path("id").asText();
                break;
            }
        }
        service.sandbox().updateTicket(ticket.path("id").asText(), Map.of("ticket_state_id", resolved), Instant.now().getEpochSecond() - 2);
        assertThat(service.runFlow("intercom-tickets")).containsEntry("records_written", 1L);
        assertThat(service.jdbc().queryForObject("SELECT state_id FROM tickets WHERE intercom_id = ?", String.class,
                ticket.path("id").asText())).isEqualTo(resolved);
    }

    /** Independent restatement of "a customer replied": the customer opened it, or wrote a comment or quick reply. */
    static boolean customerReplied(JsonNode conversation) {
        Set<String> customers = Set.of("user", "lead", "contact");
        if ("customer_initiated".equals(conversation.path("source").path("delivered_as").asText())
                && customers.contains(conversation.path("source").path("author").path("type").asText())) {
            return true;
        }
        for (JsonNode part : conversation.path("conversation_parts").path("conversation_parts")) {
            if (Set.of("comment", "quick_reply").contains(part.path("part_type").asText())
                    && customers.contains(part.path("author").path("type").asText())) {
                return true;
            }
        }
        return false;
    }

    @Test
    @Order(5)
    void aConversationLeftOutIsRetrievedOnceItsContactIsKnownThoughItDidNotChange() {
        long now = Instant.now().getEpochSecond() - 5;
        String stranger = service.sandbox().createContact(Map.of("role", "user", "email", "later@another-unknown.example"), now);
        String conversation = service.sandbox().createConversation(stranger,
                Map.of("delivered_as", "customer_initiated", "subject", "Known only later"), now);

        assertThat(service.runFlow(FLOW)).containsEntry("outcome", "succeeded").containsEntry("records_written", 0L);
        assertThat(service.count("SELECT count(*) FROM conversations WHERE intercom_id = ?", conversation)).isZero();
        assertThat(service.jdbc().queryForObject("SELECT array_to_string(contact_ids, ',') FROM held_conversations WHERE intercom_id = ?",
                String.class, conversation)).isEqualTo(stranger);
        long held = service.count("SELECT count(*) FROM held_conversations");
        // Stands for time passing: the conversation's last change now lies before any later run's search window.
        service.sandbox().updateConversation(conversation, Map.of(), now - 3600);
        assertThat(service.runFlow(FLOW)).containsEntry("records_written", 0L);

        // The contact becomes known; the conversation has not changed, so no search window would bring it back.
        assertThat(service.runFlow("intercom-contacts")).containsEntry("outcome", "succeeded");
        Map<String, Object> run = service.runFlow(FLOW);
        assertThat(run).containsEntry("outcome", "succeeded").containsEntry("records_written", held);
        assertThat(service.jdbc().queryForObject("SELECT subject FROM conversations WHERE intercom_id = ?", String.class, conversation))
                .isEqualTo("Known only later");
        assertThat(service.count("SELECT count(*) FROM held_conversations")).isZero();
        assertThat(service.runFlow(FLOW)).containsEntry("records_written", 0L);
    }

    @Test
    @Order(6)
    void aChangeSearchShowsOnlyMinutesLaterIsReadByTheNextRunsLookBack() {
        String id = service.jdbc().queryForObject("SELECT intercom_id FROM conversations ORDER BY intercom_id LIMIT 1", String.class);
        // Intercom's search may see a change minutes after it was made: this one, made two minutes before the run,
        // stays out of search for three.
        service.sandbox().setSearchLag(180);
        try {
            service.sandbox().updateConversation(id, Map.of("title", "Seen Late By Search"), Instant.now().getEpochSecond() - 120);
        } finally {
            service.sandbox().setSearchLag(0);
        }
        assertThat(service.runFlow(FLOW)).containsEntry("outcome", "succeeded");
        assertThat(service.jdbc().queryForObject("SELECT title FROM conversations WHERE intercom_id = ?", String.class, id))
                .isNotEqualTo("Seen Late By Search");

        service.sandbox().advanceClock(180);
        // The next run's window starts five minutes before the last run's start: the late change is in it.
        assertThat(service.runFlow(FLOW)).containsEntry("outcome", "succeeded");
        assertThat(service.jdbc().queryForObject("SELECT title FROM conversations WHERE intercom_id = ?", String.class, id))
                .isEqualTo("Seen Late By Search");
    }

}
