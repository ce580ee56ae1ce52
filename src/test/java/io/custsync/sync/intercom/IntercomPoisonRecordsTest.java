package io.custsync.sync.intercom;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.custsync.TestService;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * One record of each Intercom read (companies, contacts, conversations, tickets) served with a time no clock reaches:
 * it is dead-lettered with the field named, the rest of its page lands, and the flow's later runs still succeed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IntercomPoisonRecordsTest {

    /** Far beyond 9999-12-31 and beyond what java.time can hold: the DateTimeException of issue 13. */
    private static final long ABSURD = 99_999_999_999_999_999L;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static TestService service;

    @BeforeAll
    static void start() throws Exception {
        service = TestService.start(IntercomFlowTestSupport.props(TestService.newStoreDir(), IntercomFlowTestSupport.INTERCOM_AS_CRM));
        // A clean first import, so each read below meets its poison on its own.
        assertThat(service.runFlow("intercom-companies")).containsEntry("outcome", "succeeded");
        assertThat(service.runFlow("intercom-contacts")).containsEntry("outcome", "succeeded");
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    private static Map<String, Object> letter(String flow, String externalId) {
        List<Map<String, Object>> letters = service.jdbc().queryForList(
                "SELECT error_code, error_message FROM dead_letters WHERE flow = ? AND external_id = ? AND status = 'open'", flow, externalId);
        assertThat(letters).as("open dead letter of %s %s", flow, externalId).isNotEmpty();
        return letters.get(0);
    }

    private static void runsTwiceAndKeepsItAside(String flow, String id, String field) {
        for (int run = 0; run < 2; run++) {
            Map<String, Object> result = service.runFlow(flow);
            assertThat(result).as("%s run %d", flow, run).containsEntry("outcome", "succeeded");
            if (run == 0) {
                assertThat((Long) result.get("records_dead_lettered")).isGreaterThanOrEqualTo(1L);
                assertThat((Long) result.get("records_read")).isGreaterThan((Long) result.get("records_dead_lettered"));
            }
        }
        assertThat(letter(flow, id)).containsEntry("error_code", "bad_record");
        assertThat((String) letter(flow, id).get("error_message")).startsWith(field + ": ").contains("out of range");
    }

    @Test
    @Order(1)
    void aCompanyWithAnAbsurdUpdatedAt() {
        String company = service.sandbox().companyId(3);
        service.sandbox().poison("company", company, "updated_at", JSON.numberNode(ABSURD));
        runsTwiceAndKeepsItAside("intercom-companies", company, "updated_at");
        assertThat(service.count("SELECT count(*) FROM identity_links WHERE system = 'intercom' AND object = 'customers'")).isEqualTo(40);
    }

    @Test
    @Order(2)
    void aContactWithAnAbsurdUpdatedAt() throws Exception {
        long all = IntercomFlowTestSupport.allContacts(service).size();
        String contact = service.sandbox().contactId(5);
        service.sandbox().updateContact(contact, Map.of("name", "Changed Since"), null); // in the next run's window
        service.sandbox().poison("contact", contact, "updated_at", JSON.numberNode(ABSURD));
        runsTwiceAndKeepsItAside("intercom-contacts", contact, "updated_at");
        assertThat(service.count("SELECT count(*) FROM identity_links WHERE system = 'intercom' AND object = 'contacts'")).isEqualTo(all);
        assertThat(service.count("SELECT count(*) FROM contacts WHERE name = 'Changed Since'")).isZero();
    }

    @Test
    @Order(5)
    void aContactUpdatedNextYearDoesNotCarryTheCheckpointPastChangesStillToCome() {
        String early = service.sandbox().contactId(7);
        service.sandbox().updateContact(early, Map.of("name", "From The Future"), null);
        service.sandbox().poison("contact", early, "updated_at", JSON.numberNode(service.sandbox().now() + 365L * 24 * 3600));
        assertThat(service.runFlow("intercom-contacts")).containsEntry("outcome", "succeeded");
        assertThat(service.count("SELECT count(*) FROM contacts WHERE name = 'From The Future'")).isEqualTo(1);
        assertThat(service.jdbc().queryForObject("SELECT cursor_time FROM sync_checkpoints WHERE flow = 'intercom-contacts'",
                java.sql.Timestamp.class).toInstant()).isBefore(java.time.Instant.now());

        String later = service.sandbox().contactId(8);
        service.sandbox().updateContact(later, Map.of("name", "Changed Afterwards"), null);
        assertThat(service.runFlow("intercom-contacts")).containsEntry("outcome", "succeeded");
        assertThat(service.count("SELECT count(*) FROM contacts WHERE name = 'Changed Afterwards'")).isEqualTo(1);
    }

    @Test
    @Order(3)
    void conversationsWithAnAbsurdTimeWhetherTheirCustomerIsKnownOrNot() throws Exception {
        long now = service.sandbox().now();
        // Known: its contact is stored, so it is retrieved whole and its write meets the bad time.
        String known = null;
        for (int i = 0; known == null; i++) {
            String id = service.sandbox().conversationId(i);
            String contact = IntercomFlowTestSupport.api(service, "GET", "/conversations/" + id, null).at("/contacts/contacts/0/id").asText();
            if (service.count("SELECT count(*) FROM identity_links WHERE system = 'intercom' AND object = 'contacts' AND external_id = ?", contact) == 1) {
                known = id;
            }
        }
        service.sandbox().poison("conversation", known, "statistics.last_contact_reply_at", JSON.numberNode(ABSURD));
        // Not known: judged from the search answer alone (held until its contact is known), which meets the bad time.
        // A few seconds old: a search window ends (exclusively, to the second) at its run's start, so a conversation of the
        // very second the runs start in would only be read by a third run.
        String stranger = service.sandbox().createContact(Map.of("role", "user", "email", "someone@unknown-domain.example"), now - 5);
        String unknown = service.sandbox().createConversation(stranger, Map.of("delivered_as", "customer_initiated", "body", "hello"), now - 5);
        service.sandbox().poison("conversation", unknown, "updated_at", JSON.numberNode(ABSURD));
        runsTwiceAndKeepsItAside("intercom-conversations", known, "statistics.last_contact_reply_at");
        assertThat((String) letter("intercom-conversations", unknown).get("error_message")).startsWith("updated_at: ");
        assertThat(service.count("SELECT count(*) FROM conversations WHERE intercom_id = ?", known)).isZero();
    }

    @Test
    @Order(4)
    void aTicketWithAnAbsurdCreatedAt() {
        String ticket = service.sandbox().ticketId(2);
        service.sandbox().poison("ticket", ticket, "created_at", JSON.numberNode(ABSURD));
        runsTwiceAndKeepsItAside("intercom-tickets", ticket, "created_at");
        assertThat(service.count("SELECT count(*) FROM tickets WHERE intercom_id = ?", ticket)).isZero();
    }
}
