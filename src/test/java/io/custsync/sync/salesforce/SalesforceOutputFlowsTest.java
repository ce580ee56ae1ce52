package io.custsync.sync.salesforce;

import static io.custsync.sync.salesforce.SalesforceFlowTestSupport.ACCOUNTS;
import static org.assertj.core.api.Assertions.assertThat;

import io.custsync.TestService;
import io.custsync.sandbox.salesforce.SalesforceControl;
import java.util.List;
import java.util.Map;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * routes/salesforce-accounts-push and salesforce-contacts-push (output mode): local changes only, as diffs
 * against the push ledger, upserted by the common id fields; refused records dead-lettered while the rest lands.
 * Salesforce is never read.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SalesforceOutputFlowsTest {

    private static TestService service;
    private static SalesforceControl sf;

    @BeforeAll
    static void start() throws Exception {
        String mappings = SalesforceFlowTestSupport.mappings("output", "output",
                "fields: { customer-id: Customer_ID__c, stage: Stage__c, profile: Profile__c }")
                .replace("fields: { phone: disabled }", "fields: { contact-id: Contact_ID__c, phone: disabled }");
        Map<String, Object> props = SalesforceFlowTestSupport.props(TestService.newStoreDir(), mappings);
        props.put("sync.salesforce.lookback", "0s"); // exact read counts: no look-back re-reads
        service = TestService.start(props);
        sf = SalesforceFlowTestSupport.sandbox(service);
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    private static Map<String, Object> account(String customerId) {
        for (int i = 0; i < sf.recordCount("Account"); i++) {
            Map<String, Object> rec = sf.record(sf.idOf("Account", i));
            if (rec != null && customerId.equals(rec.get("Customer_ID__c"))) {
                return rec;
            }
        }
        return null;
    }

    private static Map<String, Object> contact(String contactId) {
        for (int i = 0; i < sf.recordCount("Contact"); i++) {
            Map<String, Object> rec = sf.record(sf.idOf("Contact", i));
            if (rec != null && contactId.equals(rec.get("Contact_ID__c"))) {
                return rec;
            }
        }
        return null;
    }

    @Test
    @Order(1)
    void inputRoutesAreNotStartedAndLocalCustomersAreUpsertedByCustomerId() {
        assertThat(service.camel().getRouteController().getRouteStatus("salesforce-accounts")).isEqualTo(ServiceStatus.Stopped);
        assertThat(service.camel().getRouteController().getRouteStatus("salesforce-contacts")).isEqualTo(ServiceStatus.Stopped);
        service.jdbc().update("INSERT INTO customers (customer_id, name, domain, stage, profile) VALUES "
                + "('CUST-0000001', 'Existing Renamed', 'existing.example.com', 'Adoption', 'SMB'), "
                + "('NEW-1', 'New One', 'new-one.example.com', 'Onboarding', 'Enterprise'), "
                + "('NEW-2', 'New Two', NULL, 'Renewal', NULL)");
        long creates = sf.counters().writes("Account.create");
        Map<String, Object> run = service.runFlow("salesforce-accounts-push");
        assertThat(run).containsEntry("outcome", "succeeded").containsEntry("records_read", 3L).containsEntry("records_written", 3L)
                .containsEntry("records_dead_lettered", 0L).containsEntry("api_calls", 2L); // the active users, then one collection of 3 upserts
        assertThat(sf.counters().writes("Account.create")).isEqualTo(creates + 2);
        assertThat(sf.recordCount("Account")).isEqualTo(ACCOUNTS + 2);
        assertThat(account("CUST-0000001")).containsEntry("Id", sf.idOf("Account", 0)).containsEntry("Name", "Existing Renamed")
                .containsEntry("Website", "existing.example.com").containsEntry("Stage__c", "Adoption").containsEntry("Profile__c", "SMB");
        assertThat(account("NEW-1")).containsEntry("Name", "New One").containsEntry("Website", "new-one.example.com")
                .containsEntry("Stage__c", "Onboarding").containsEntry("Profile__c", "Enterprise");
        Map<String, Object> two = account("NEW-2");
        assertThat(two).containsEntry("Name", "New Two").containsEntry("Stage__c", "Renewal");
        assertThat(two.get("Website")).isNull();
        assertThat(service.count("SELECT count(*) FROM identity_links WHERE system = 'salesforce' AND object = 'customers'")).isEqualTo(3);
        assertThat(service.count("SELECT count(*) FROM push_ledger WHERE object = 'customers'")).isEqualTo(4 + 4 + 2);
    }

    @Test
    @Order(2)
    void anUnchangedStoreSendsNothingAndOnlyChangedFieldsAreSent() {
        long updates = sf.counters().writes("Account.update") + sf.counters().writes("Account.create");
        assertThat(service.runFlow("salesforce-accounts-push")).containsEntry("outcome", "succeeded")
                .containsEntry("records_read", 0L).containsEntry("records_written", 0L);
        assertThat(sf.counters().writes("Account.update") + sf.counters().writes("Account.create")).isEqualTo(updates);

        // Someone renames the account in Salesforce; we change only the stage here: the name is not sent again.
        String id = (String) account("NEW-1").get("Id");
        sf.updateRecord("Account", id, Map.of("Name", "Renamed In Salesforce"), null);
        service.jdbc().update("UPDATE customers SET stage = 'Adoption' WHERE customer_id = 'NEW-1'");
        Map<String, Object> run = service.runFlow("salesforce-accounts-push");
        assertThat(run).containsEntry("records_read", 1L).containsEntry("records_written", 1L);
        assertThat(sf.record(id)).containsEntry("Stage__c", "Adoption").containsEntry("Name", "Renamed In Salesforce");

        // The CSM owner is written as the User lookup of the active user with that email; an unknown email is not sent.
        String user = sf.idOf("User", 2);
        service.jdbc().update("UPDATE customers SET csm_owner_email = ? WHERE customer_id = 'NEW-1'", sf.record(user).get("Email"));
        service.jdbc().update("UPDATE customers SET csm_owner_email = 'nobody@nowhere.example.com' WHERE customer_id = 'NEW-2'");
        String ownerBefore = (String) account("NEW-2").get("OwnerId");
        assertThat(service.runFlow("salesforce-accounts-push")).containsEntry("records_read", 2L).containsEntry("records_written", 1L)
                .containsEntry("records_skipped", 1L);
        assertThat(sf.record(id)).containsEntry("OwnerId", user);
        assertThat(account("NEW-2")).containsEntry("OwnerId", ownerBefore);
    }

    @Test
    @Order(3)
    void aValidationErrorDeadLettersThatRecordAndTheOthersLand() {
        sf.addValidationRule("Account", "Stage__c", "Churned", "Churned accounts are read-only", null);
        try {
            service.jdbc().update("UPDATE customers SET stage = 'Churned' WHERE customer_id = 'NEW-2'");
            service.jdbc().update("UPDATE customers SET profile = 'Strategic' WHERE customer_id IN ('CUST-0000001', 'NEW-1')");
            Map<String, Object> run = service.runFlow("salesforce-accounts-push");
            assertThat(run).containsEntry("outcome", "succeeded").containsEntry("records_read", 3L)
                    .containsEntry("records_written", 2L).containsEntry("records_dead_lettered", 1L);
        } finally {
            sf.clearValidationRules();
        }
        assertThat(account("NEW-2")).containsEntry("Stage__c", "Renewal");
        assertThat(account("NEW-1")).containsEntry("Profile__c", "Strategic");
        assertThat(account("CUST-0000001")).containsEntry("Profile__c", "Strategic");
        Map<String, Object> letter = service.jdbc().queryForMap("SELECT * FROM dead_letters WHERE flow = 'salesforce-accounts-push'");
        assertThat(letter).containsEntry("external_id", "NEW-2").containsEntry("error_code", "FIELD_CUSTOM_VALIDATION_EXCEPTION")
                .containsEntry("error_message", "Churned accounts are read-only");
        assertThat(new String((byte[]) letter.get("payload"))).contains("\"Stage__c\":\"Churned\"").contains("\"Customer_ID__c\":\"NEW-2\"");
    }

    @Test
    @Order(4)
    void contactsAreUpsertedWithNameAccountAndRoleTags() {
        long newOne = service.count("SELECT id FROM customers WHERE customer_id = 'NEW-1'");
        service.jdbc().update("INSERT INTO contacts (contact_id, email, name, customer_id) VALUES "
                + "('CON-00000001', 'first@existing.example.com', 'Ada Existing', NULL), "
                + "('NEW-C-1', 'grace@new-one.example.com', 'Grace Brewster Hopper', ?), "
                + "('NEW-C-2', 'solo@new-one.example.com', 'Solo', ?)", newOne, newOne);
        service.jdbc().update("INSERT INTO contact_role_tags (contact_id, role, source) SELECT id, 'champion', 'local' FROM contacts WHERE contact_id = 'NEW-C-1'");
        service.jdbc().update("INSERT INTO contact_role_tags (contact_id, role, source) SELECT id, 'sponsor', 'local' FROM contacts WHERE contact_id = 'NEW-C-2'");
        Map<String, Object> run = service.runFlow("salesforce-contacts-push");
        assertThat(run).containsEntry("outcome", "succeeded").containsEntry("records_read", 3L).containsEntry("records_written", 3L);
        String newOneAccount = (String) account("NEW-1").get("Id");
        assertThat(contact("CON-00000001")).containsEntry("Id", sf.idOf("Contact", 0)).containsEntry("Email", "first@existing.example.com")
                .containsEntry("FirstName", "Ada").containsEntry("LastName", "Existing");
        assertThat(contact("NEW-C-1")).containsEntry("FirstName", "Grace").containsEntry("LastName", "Brewster Hopper")
                .containsEntry("AccountId", newOneAccount).containsEntry("Champion__c", true).containsEntry("Key_User__c", false);
        assertThat(contact("NEW-C-1").get("Role__c")).isNull();
        assertThat(contact("NEW-C-2")).containsEntry("LastName", "Solo").containsEntry("Role__c", "Sponsor")
                .containsEntry("Champion__c", false).containsEntry("AccountId", newOneAccount);
        assertThat(contact("NEW-C-2").get("End_User__c")).isEqualTo(false); // end-user disabled: never written, the default stays

        // A role taken away here is taken away there, and nothing else is sent.
        service.jdbc().update("DELETE FROM contact_role_tags WHERE role = 'champion' AND contact_id = (SELECT id FROM contacts WHERE contact_id = 'NEW-C-1')");
        long updates = sf.counters().writes("Contact.update");
        assertThat(service.runFlow("salesforce-contacts-push")).containsEntry("records_read", 1L).containsEntry("records_written", 1L);
        assertThat(sf.counters().writes("Contact.update")).isEqualTo(updates + 1);
        assertThat(contact("NEW-C-1")).containsEntry("Champion__c", false).containsEntry("LastName", "Brewster Hopper");
    }

    @Test
    @Order(5)
    void anExternalIdMatchingTwoContactsIsDeadLetteredAndTheBatchGoesOn() {
        sf.createRecord("Contact", Map.of("LastName", "Twin", "Contact_ID__c", "TWIN-1"), null);
        sf.createRecord("Contact", Map.of("LastName", "Twin", "Contact_ID__c", "TWIN-1"), null);
        service.jdbc().update("INSERT INTO contacts (contact_id, email, name) VALUES ('TWIN-1', 'twin@x.example.com', 'Twin Peaks'), "
                + "('NEW-C-3', 'three@x.example.com', 'Three')");
        Map<String, Object> run = service.runFlow("salesforce-contacts-push");
        assertThat(run).containsEntry("outcome", "succeeded").containsEntry("records_read", 2L).containsEntry("records_written", 1L)
                .containsEntry("records_dead_lettered", 1L);
        assertThat(contact("NEW-C-3")).containsEntry("LastName", "Three");
        Map<String, Object> letter = service.jdbc().queryForMap("SELECT * FROM dead_letters WHERE flow = 'salesforce-contacts-push'");
        // Within a collection, Salesforce reports the external id matching several records on that record alone.
        assertThat(letter).containsEntry("external_id", "TWIN-1").containsEntry("error_code", "DUPLICATE_EXTERNAL_ID");
        assertThat((String) letter.get("error_message")).contains("TWIN-1").contains("matched 2 records");
        List<Map<String, Object>> runs = service.jdbc().queryForList("SELECT outcome FROM sync_runs WHERE flow LIKE 'salesforce-%' AND outcome <> 'succeeded'");
        assertThat(runs).isEmpty();
    }

    @Test
    @Order(6)
    void anOutageFailsTheRunInsteadOfDeadLetteringAndTheNextRunSendsTheChange() {
        service.jdbc().update("UPDATE customers SET name = 'During Outage' WHERE customer_id = 'NEW-1'");
        long letters = service.count("SELECT count(*) FROM dead_letters");
        sf.addFault(io.custsync.sandbox.common.Faults.on("*", "**/sobjects/Account/**").status(503).probability(1.0));
        try {
            Map<String, Object> failed = service.runFlow("salesforce-accounts-push");
            assertThat(failed).containsEntry("outcome", "failed").containsEntry("records_written", 0L);
            assertThat((String) failed.get("message")).contains("SERVER_UNAVAILABLE");
        } finally {
            sf.clearFaults();
        }
        assertThat(service.count("SELECT count(*) FROM dead_letters")).isEqualTo(letters);
        assertThat(service.runFlow("salesforce-accounts-push")).containsEntry("outcome", "succeeded").containsEntry("records_written", 1L);
        assertThat(account("NEW-1")).containsEntry("Name", "During Outage");
    }
}
