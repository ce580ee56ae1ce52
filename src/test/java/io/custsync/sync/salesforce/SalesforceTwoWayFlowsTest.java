package io.custsync.sync.salesforce;

import static io.custsync.sync.salesforce.SalesforceFlowTestSupport.ACCOUNTS;
import static io.custsync.sync.salesforce.SalesforceFlowTestSupport.CONTACTS;
import static org.assertj.core.api.Assertions.assertThat;

import io.custsync.TestService;
import io.custsync.sandbox.salesforce.SalesforceControl;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two-way for Accounts (customer id = Salesforce Id, so pushes update by Id) and Contacts: our own writes
 * coming back are echoes that change nothing, one-sided changes flow, and a field changed on both sides goes
 * to the newer change with a conflicts row.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SalesforceTwoWayFlowsTest {

    private static TestService service;
    private static SalesforceControl sf;

    @BeforeAll
    static void start() throws Exception {
        Map<String, Object> props = SalesforceFlowTestSupport.props(TestService.newStoreDir(), SalesforceFlowTestSupport.mappings(
                "two-way", "two-way", "churn-stage: Churned, fields: { csm-owner: CSM__c, stage: Stage__c, profile: Profile__c }"));
        props.put("sync.salesforce.lookback", "0s");
        service = TestService.start(props);
        sf = SalesforceFlowTestSupport.sandbox(service);
        // The sandbox clock starts at a whole second; newest-wins compares its times with the store's clock.
        sf.setClock(Instant.now());
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    private static long sfWrites() {
        return sf.counters().writes("Account.update") + sf.counters().writes("Account.create")
                + sf.counters().writes("Contact.update") + sf.counters().writes("Contact.create");
    }

    private static String stage(int account) {
        return service.jdbc().queryForObject("SELECT stage FROM customers WHERE customer_id = ?", String.class, sf.idOf("Account", account));
    }

    private static String profile(int account) {
        return service.jdbc().queryForObject("SELECT profile FROM customers WHERE customer_id = ?", String.class, sf.idOf("Account", account));
    }

    @Test
    @Order(1)
    void aFirstReadAgreesEveryFieldAndTheFollowingPushSendsNothing() {
        assertThat(service.runFlow("salesforce-accounts")).containsEntry("outcome", "succeeded")
                .containsEntry("records_read", (long) ACCOUNTS).containsEntry("records_written", (long) ACCOUNTS);
        assertThat(service.runFlow("salesforce-contacts")).containsEntry("outcome", "succeeded")
                .containsEntry("records_written", (long) CONTACTS);
        // name, domain, csm-owner, stage, profile for each account
        assertThat(service.count("SELECT count(*) FROM push_ledger WHERE object = 'customers'")).isEqualTo(ACCOUNTS * 5L);
        long writes = sfWrites();
        assertThat(service.runFlow("salesforce-accounts-push")).containsEntry("outcome", "succeeded")
                .containsEntry("records_read", (long) ACCOUNTS).containsEntry("records_written", 0L);
        assertThat(service.runFlow("salesforce-contacts-push")).containsEntry("outcome", "succeeded")
                .containsEntry("records_written", 0L);
        assertThat(sfWrites()).isEqualTo(writes);
        assertThat(service.count("SELECT count(*) FROM conflicts")).isZero();
    }

    @Test
    @Order(2)
    void aPushedFieldReadBackIsAnEchoAndCausesNoFurtherWrite() {
        String id = sf.idOf("Account", 1);
        String next = "Expansion".equals(stage(1)) ? "Renewal" : "Expansion";
        service.jdbc().update("UPDATE customers SET stage = ? WHERE customer_id = ?", next, id);
        long writes = sfWrites();
        assertThat(service.runFlow("salesforce-accounts-push")).containsEntry("records_read", 1L).containsEntry("records_written", 1L);
        assertThat(sfWrites()).isEqualTo(writes + 1);
        assertThat(sf.record(id)).containsEntry("Stage__c", next);

        assertThat(service.runFlow("salesforce-accounts")).containsEntry("outcome", "succeeded").containsEntry("records_written", 0L);
        assertThat(service.runFlow("salesforce-accounts-push")).containsEntry("records_read", 0L).containsEntry("records_written", 0L);
        assertThat(sfWrites()).isEqualTo(writes + 1);
        assertThat(stage(1)).isEqualTo(next);
        assertThat(service.count("SELECT count(*) FROM conflicts")).isZero();
    }

    @Test
    @Order(3)
    void aChangeOnlyInSalesforceIsTakenAndNotSentBack() {
        String id = sf.idOf("Account", 2);
        sf.updateRecord("Account", id, Map.of("Profile__c", "Changed There"), null);
        assertThat(service.runFlow("salesforce-accounts")).containsEntry("records_written", 1L);
        assertThat(profile(2)).isEqualTo("Changed There");
        long writes = sfWrites();
        assertThat(service.runFlow("salesforce-accounts-push")).containsEntry("records_read", 1L).containsEntry("records_written", 0L);
        assertThat(sfWrites()).isEqualTo(writes);
        assertThat(service.count("SELECT count(*) FROM conflicts")).isZero();
    }

    @Test
    @Order(4)
    void bothSidesChangedTheSameFieldAndSalesforceIsNewer() throws Exception {
        String id = sf.idOf("Account", 3);
        service.jdbc().update("UPDATE customers SET profile = 'Local Edit' WHERE customer_id = ?", id);
        Thread.sleep(50);
        sf.updateRecord("Account", id, Map.of("Profile__c", "Remote Edit"), null);
        Instant remoteTime = SalesforceFlowTestSupport.time(sf.record(id).get("SystemModstamp"));
        assertThat(service.runFlow("salesforce-accounts")).containsEntry("records_written", 1L);
        assertThat(profile(3)).isEqualTo("Remote Edit");
        Map<String, Object> conflict = service.jdbc().queryForMap("SELECT * FROM conflicts");
        assertThat(conflict).containsEntry("object", "customers").containsEntry("external_id", id).containsEntry("field", "profile")
                .containsEntry("local_value", "Local Edit").containsEntry("remote_value", "Remote Edit").containsEntry("winner", "remote");
        assertThat(((Timestamp) conflict.get("remote_modified_at")).toInstant()).isEqualTo(remoteTime);
        assertThat(((Timestamp) conflict.get("local_modified_at")).toInstant()).isBefore(remoteTime);
        long writes = sfWrites();
        assertThat(service.runFlow("salesforce-accounts-push")).containsEntry("records_written", 0L);
        assertThat(sfWrites()).isEqualTo(writes);
    }

    @Test
    @Order(5)
    void bothSidesChangedTheSameFieldAndTheLocalChangeIsNewer() throws Exception {
        String id = sf.idOf("Account", 4);
        sf.updateRecord("Account", id, Map.of("Stage__c", "Onboarding", "Name", "Renamed There"), null);
        Thread.sleep(50);
        String local = "Renewal";
        service.jdbc().update("UPDATE customers SET stage = ? WHERE customer_id = ?", local, id);
        assertThat(service.runFlow("salesforce-accounts")).containsEntry("records_written", 1L);
        assertThat(stage(4)).isEqualTo(local);
        assertThat(service.jdbc().queryForObject("SELECT name FROM customers WHERE customer_id = ?", String.class, id)).isEqualTo("Renamed There");
        assertThat(service.jdbc().queryForMap("SELECT * FROM conflicts WHERE external_id = ?", id)).containsEntry("field", "stage")
                .containsEntry("local_value", local).containsEntry("remote_value", "Onboarding").containsEntry("winner", "local");
        long writes = sfWrites();
        assertThat(service.runFlow("salesforce-accounts-push")).containsEntry("records_written", 1L);
        assertThat(sf.record(id)).containsEntry("Stage__c", local).containsEntry("Name", "Renamed There");
        assertThat(service.runFlow("salesforce-accounts")).containsEntry("records_written", 0L);
        assertThat(service.runFlow("salesforce-accounts-push")).containsEntry("records_written", 0L);
        assertThat(sfWrites()).isEqualTo(writes + 1);
        assertThat(service.count("SELECT count(*) FROM conflicts")).isEqualTo(2);
    }

    @Test
    @Order(6)
    void roleTagsTravelBothWaysWithoutEchoes() {
        String here = sf.idOf("Contact", 7);
        String there = sf.idOf("Contact", 8);
        boolean keyUser = Boolean.TRUE.equals(sf.record(here).get("Key_User__c"));
        if (keyUser) {
            service.jdbc().update("DELETE FROM contact_role_tags WHERE role = 'key_user' AND contact_id = (SELECT id FROM contacts WHERE contact_id = ?)", here);
        } else {
            service.jdbc().update("INSERT INTO contact_role_tags (contact_id, role, source) SELECT id, 'key_user', 'local' FROM contacts WHERE contact_id = ?", here);
        }
        boolean champion = Boolean.TRUE.equals(sf.record(there).get("Champion__c"));
        sf.updateRecord("Contact", there, Map.of("Champion__c", !champion), null);

        assertThat(service.runFlow("salesforce-contacts")).containsEntry("records_written", 1L);
        assertThat(service.count("SELECT count(*) FROM contact_role_tags r JOIN contacts c ON c.id = r.contact_id "
                + "WHERE c.contact_id = ? AND r.role = 'champion'", there)).isEqualTo(champion ? 0 : 1);
        long writes = sfWrites();
        assertThat(service.runFlow("salesforce-contacts-push")).containsEntry("records_written", 1L);
        assertThat(sf.record(here)).containsEntry("Key_User__c", !keyUser);
        assertThat(sfWrites()).isEqualTo(writes + 1);
        assertThat(service.runFlow("salesforce-contacts")).containsEntry("records_written", 0L);
        assertThat(service.runFlow("salesforce-contacts-push")).containsEntry("records_written", 0L);
        assertThat(sfWrites()).isEqualTo(writes + 1);
    }

    @Test
    @Order(7)
    void aFieldChangedThereAfterTheLastReadAndNewerIsNotOverwrittenByThePush() throws Exception {
        String id = sf.idOf("Account", 5);
        service.jdbc().update("UPDATE customers SET profile = 'Local Late' WHERE customer_id = ?", id);
        Thread.sleep(50);
        sf.updateRecord("Account", id, Map.of("Profile__c", "Remote Late"), null);
        long writes = sfWrites();
        // No read in between: the push itself sees that Salesforce changed the field after the last agreement.
        assertThat(service.runFlow("salesforce-accounts-push")).containsEntry("outcome", "succeeded").containsEntry("records_written", 0L);
        assertThat(sfWrites()).isEqualTo(writes);
        assertThat(sf.record(id)).containsEntry("Profile__c", "Remote Late");
        assertThat(service.count("SELECT count(*) FROM conflicts WHERE external_id = ?", id)).isZero();

        assertThat(service.runFlow("salesforce-accounts")).containsEntry("records_written", 1L);
        assertThat(profile(5)).isEqualTo("Remote Late");
        assertThat(service.jdbc().queryForList("SELECT winner FROM conflicts WHERE external_id = ?", String.class, id)).containsExactly("remote");
        assertThat(service.runFlow("salesforce-accounts-push")).containsEntry("records_written", 0L);
        assertThat(sfWrites()).isEqualTo(writes);
    }

    @Test
    @Order(8)
    void aFieldChangedThereAfterTheLastReadButOlderIsOverwrittenWithOneConflictRow() throws Exception {
        String id = sf.idOf("Account", 6);
        sf.updateRecord("Account", id, Map.of("Profile__c", "Remote Early"), null);
        Thread.sleep(50);
        service.jdbc().update("UPDATE customers SET profile = 'Local Later' WHERE customer_id = ?", id);
        long writes = sfWrites();
        assertThat(service.runFlow("salesforce-accounts-push")).containsEntry("outcome", "succeeded").containsEntry("records_written", 1L);
        assertThat(sfWrites()).isEqualTo(writes + 1);
        assertThat(sf.record(id)).containsEntry("Profile__c", "Local Later");
        assertThat(service.jdbc().queryForMap("SELECT * FROM conflicts WHERE external_id = ?", id)).containsEntry("field", "profile")
                .containsEntry("local_value", "Local Later").containsEntry("remote_value", "Remote Early").containsEntry("winner", "local");

        // The read that follows sees our own value: no second conflict row, nothing written back.
        assertThat(service.runFlow("salesforce-accounts")).containsEntry("records_written", 0L);
        assertThat(profile(6)).isEqualTo("Local Later");
        assertThat(service.count("SELECT count(*) FROM conflicts WHERE external_id = ?", id)).isEqualTo(1);
    }

    @Test
    @Order(9)
    void theLocalChurnStageIsSentAsTheConfiguredSalesforceValueAndReadBackAsChurn() {
        int[] accounts = java.util.stream.IntStream.range(10, ACCOUNTS).filter(i -> !"churn".equals(stage(i))).limit(2).toArray();
        String id = sf.idOf("Account", accounts[0]);
        service.jdbc().update("UPDATE customers SET stage = 'churn' WHERE customer_id = ?", id);
        assertThat(service.runFlow("salesforce-accounts-push")).containsEntry("records_written", 1L).containsEntry("records_dead_lettered", 0L);
        assertThat(sf.record(id)).containsEntry("Stage__c", "Churned");
        // Our own write coming back: an echo, not a change and not a conflict.
        assertThat(service.runFlow("salesforce-accounts")).containsEntry("records_written", 0L);
        assertThat(stage(accounts[0])).isEqualTo("churn");
        assertThat(service.count("SELECT count(*) FROM conflicts WHERE external_id = ?", id)).isZero();

        String other = sf.idOf("Account", accounts[1]);
        sf.updateRecord("Account", other, Map.of("Stage__c", "Churned"), null);
        assertThat(service.runFlow("salesforce-accounts")).containsEntry("records_written", 1L);
        assertThat(stage(accounts[1])).isEqualTo("churn");
        assertThat(service.runFlow("salesforce-accounts-push")).containsEntry("records_written", 0L);
    }
}
