package io.custsync.sync.salesforce;

import static io.custsync.sync.salesforce.SalesforceFlowTestSupport.ACCOUNTS;
import static io.custsync.sync.salesforce.SalesforceFlowTestSupport.CONTACTS;
import static io.custsync.sync.salesforce.SalesforceFlowTestSupport.records;
import static io.custsync.sync.salesforce.SalesforceFlowTestSupport.time;
import static org.assertj.core.api.Assertions.assertThat;

import io.custsync.TestService;
import io.custsync.sandbox.common.Faults;
import io.custsync.sandbox.salesforce.SalesforceControl;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * routes/salesforce-accounts and salesforce-contacts (input mode) through camel-salesforce against the
 * sandbox: the account view with its CSM lookup, stage and profile, incremental reads, deletes,
 * churn-on-missing after a complete read only, contacts with account links and role tags, re-login.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SalesforceInputFlowsTest {

    private static final String VIEW = "Customer - Direct";
    private static TestService service;
    private static SalesforceControl sf;

    @BeforeAll
    static void start() throws Exception {
        service = TestService.start(SalesforceFlowTestSupport.props(TestService.newStoreDir(), SalesforceFlowTestSupport.mappings(
                "input", "input", "view: \"Type = 'Customer - Direct'\", fields: { customer-id: Customer_ID__c, csm-owner: CSM__c, stage: Stage__c, profile: Profile__c }")));
        sf = SalesforceFlowTestSupport.sandbox(service);
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    private static List<Map<String, Object>> view() {
        return records(sf, "Account", ACCOUNTS, r -> VIEW.equals(r.get("Type")));
    }

    private static Map<String, Object> customer(String customerId) {
        return service.jdbc().queryForMap("SELECT * FROM customers WHERE customer_id = ?", customerId);
    }

    @Test
    @Order(1)
    void aFirstReadStoresExactlyTheAccountView() {
        List<Map<String, Object>> view = view();
        assertThat(view).hasSizeBetween(10, ACCOUNTS - 1); // the seed gives a view that is neither empty nor everything
        Map<String, Object> run = service.runFlow("salesforce-accounts");
        assertThat(run).containsEntry("outcome", "succeeded").containsEntry("records_read", (long) view.size())
                .containsEntry("records_written", (long) view.size()).containsEntry("records_dead_lettered", 0L);
        assertThat(service.count("SELECT count(*) FROM customers")).isEqualTo(view.size());
        for (Map<String, Object> account : view) {
            Map<String, Object> row = customer((String) account.get("Customer_ID__c"));
            assertThat(row.get("name")).isEqualTo(account.get("Name"));
            assertThat(row.get("domain")).isEqualTo(account.get("Website").toString().replace("https://www.", ""));
            assertThat(row.get("stage")).isEqualTo(account.get("Stage__c"));
            assertThat(row.get("profile")).isEqualTo(account.get("Profile__c"));
            Map<String, Object> csm = account.get("CSM__c") == null ? null : sf.record((String) account.get("CSM__c"));
            assertThat(row.get("csm_owner_email")).isEqualTo(csm == null ? null : csm.get("Email"));
            assertThat(row.get("csm_owner_name")).isEqualTo(csm == null ? null : csm.get("Name"));
            assertThat(service.count("SELECT count(*) FROM identity_links WHERE system = 'salesforce' AND object = 'customers' "
                    + "AND external_id = ? AND local_id = ?", account.get("Id"), row.get("id"))).isEqualTo(1);
        }
        // 30 accounts in pages of 7 (deleted ones included by queryAll), then the view's Ids for churn.
        assertThat(sf.counters().apiCalls("GET queryAll")).isEqualTo(1);
        assertThat(sf.counters().apiCalls("GET queryMore")).isPositive();
        Instant newest = view.stream().map(a -> time(a.get("SystemModstamp"))).max(Instant::compareTo).orElseThrow();
        assertThat(service.jdbc().queryForObject("SELECT cursor_time FROM sync_checkpoints WHERE flow = 'salesforce-accounts'",
                java.sql.Timestamp.class).toInstant()).isEqualTo(newest);
    }

    @Test
    @Order(2)
    void aSecondReadOnlyLooksBackAFewMinutesAndWritesNothing() {
        Instant newest = view().stream().map(a -> time(a.get("SystemModstamp"))).max(Instant::compareTo).orElseThrow();
        long inLookback = view().stream().filter(a -> !time(a.get("SystemModstamp"))
                .isBefore(newest.minus(5, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS))).count();
        Map<String, Object> run = service.runFlow("salesforce-accounts");
        assertThat(run).containsEntry("outcome", "succeeded").containsEntry("records_read", inLookback)
                .containsEntry("records_written", 0L).containsEntry("records_skipped", inLookback);
        assertThat(service.count("SELECT count(*) FROM customers WHERE churned_at IS NOT NULL")).isZero();
    }

    @Test
    @Order(3)
    void aChangedAccountIsReadAndOnlyItsMappedFieldsChange() {
        Map<String, Object> account = view().get(2);
        String id = (String) account.get("Id");
        String newCsm = sf.idOf("User", 3);
        sf.updateRecord("Account", id, Map.of("Name", "Renamed Account", "Stage__c", "Renewal", "CSM__c", newCsm,
                "Healthscore__c", 12.0), null);
        Map<String, Object> run = service.runFlow("salesforce-accounts");
        assertThat(run).containsEntry("outcome", "succeeded").containsEntry("records_written", 1L);
        Map<String, Object> row = customer((String) account.get("Customer_ID__c"));
        assertThat(row).containsEntry("name", "Renamed Account").containsEntry("stage", "Renewal")
                .containsEntry("csm_owner_email", sf.record(newCsm).get("Email"))
                .containsEntry("csm_owner_name", sf.record(newCsm).get("Name"));
        assertThat(row.get("healthscore")).isNull(); // not a mapped field: never read
    }

    @Test
    @Order(4)
    void aDeletedAccountIsMarkedAndChurnedButKept() {
        Map<String, Object> account = view().get(0);
        sf.deleteRecord("Account", (String) account.get("Id"), null);
        long before = service.count("SELECT count(*) FROM customers");
        assertThat(service.runFlow("salesforce-accounts")).containsEntry("outcome", "succeeded");
        assertThat(service.count("SELECT count(*) FROM customers")).isEqualTo(before);
        Map<String, Object> row = customer((String) account.get("Customer_ID__c"));
        assertThat(row).containsEntry("stage", "churn");
        assertThat(row.get("deleted_in_source_at")).isNotNull();
        assertThat(row.get("churned_at")).isNotNull();
        assertThat(service.count("SELECT count(*) FROM customers WHERE churned_at IS NOT NULL")).isEqualTo(1);
    }

    @Test
    @Order(5)
    void anAccountThatLeavesTheViewIsChurnedOnlyAfterACompleteRead() {
        Map<String, Object> leaving = view().get(0);
        sf.updateRecord("Account", (String) leaving.get("Id"), Map.of("Type", "Prospect"), null);
        // The sweep of the view's Ids fails: the read is incomplete and nobody is churned.
        sf.addFault(Faults.on("*", "**/query").status(503).probability(1.0));
        try {
            Map<String, Object> failed = service.runFlow("salesforce-accounts");
            assertThat(failed).containsEntry("outcome", "failed");
            assertThat((String) failed.get("message")).contains("SERVER_UNAVAILABLE");
        } finally {
            sf.clearFaults();
        }
        assertThat(customer((String) leaving.get("Customer_ID__c")).get("churned_at")).isNull();
        assertThat(service.count("SELECT count(*) FROM customers WHERE churned_at IS NOT NULL")).isEqualTo(1);
        assertThat(health()).contains("\"status\":\"DOWN\"").contains("HTTP 503");

        assertThat(service.runFlow("salesforce-accounts")).containsEntry("outcome", "succeeded");
        assertThat(customer((String) leaving.get("Customer_ID__c"))).containsEntry("stage", "churn");
        assertThat(service.count("SELECT count(*) FROM customers WHERE churned_at IS NOT NULL")).isEqualTo(2);
        assertThat(health()).contains("\"status\":\"UP\"");
    }

    @Test
    @Order(6)
    void aChurnedAccountBackInTheViewIsReactivated() {
        Map<String, Object> back = records(sf, "Account", ACCOUNTS, r -> "Prospect".equals(r.get("Type"))).stream()
                .filter(r -> service.count("SELECT count(*) FROM customers WHERE customer_id = ? AND churned_at IS NOT NULL",
                        r.get("Customer_ID__c")) == 1).findFirst().orElseThrow();
        sf.updateRecord("Account", (String) back.get("Id"), Map.of("Type", VIEW), null);
        assertThat(service.runFlow("salesforce-accounts")).containsEntry("outcome", "succeeded").containsEntry("records_written", 1L);
        Map<String, Object> row = customer((String) back.get("Customer_ID__c"));
        assertThat(row.get("churned_at")).isNull();
        assertThat(row.get("stage")).isEqualTo(back.get("Stage__c"));
    }

    @Test
    @Order(7)
    void contactsAreStoredWithTheirCustomerAndRoleTags() {
        List<Map<String, Object>> all = records(sf, "Contact", CONTACTS, r -> true);
        Map<String, Object> run = service.runFlow("salesforce-contacts");
        assertThat(run).containsEntry("outcome", "succeeded").containsEntry("records_read", (long) CONTACTS)
                .containsEntry("records_written", (long) CONTACTS);
        assertThat(service.count("SELECT count(*) FROM contacts")).isEqualTo(CONTACTS);
        Set<String> expectedRoles = new TreeSet<>();
        Set<String> storedRoles = new TreeSet<>(service.jdbc().queryForList(
                "SELECT c.contact_id || ':' || r.role FROM contact_role_tags r JOIN contacts c ON c.id = r.contact_id "
                        + "WHERE r.source = 'salesforce'", String.class));
        for (Map<String, Object> contact : all) {
            String id = (String) contact.get("Id");
            Map<String, Object> row = service.jdbc().queryForMap("SELECT * FROM contacts WHERE contact_id = ?", id);
            assertThat(row.get("email")).isEqualTo(contact.get("Email"));
            assertThat(row.get("name")).isEqualTo(contact.get("Name"));
            assertThat(row.get("phone")).isNull();
            Object accountId = contact.get("AccountId");
            List<Long> linked = accountId == null ? List.of() : service.jdbc().queryForList(
                    "SELECT local_id FROM identity_links WHERE system = 'salesforce' AND object = 'customers' AND external_id = ?",
                    Long.class, accountId);
            assertThat(row.get("customer_id")).isEqualTo(linked.isEmpty() ? null : linked.get(0));
            if (Boolean.TRUE.equals(contact.get("Champion__c"))) expectedRoles.add(id + ":champion");
            if ("Sponsor".equals(contact.get("Role__c"))) expectedRoles.add(id + ":sponsor");
            if (Boolean.TRUE.equals(contact.get("Key_User__c"))) expectedRoles.add(id + ":key_user");
        }
        assertThat(expectedRoles).isNotEmpty();
        assertThat(storedRoles).isEqualTo(expectedRoles); // end-user is disabled: never read
        assertThat(service.count("SELECT count(*) FROM contacts WHERE customer_id IS NOT NULL")).isPositive();
    }

    @Test
    @Order(8)
    void roleTagChangesInSalesforceMoveTheLocalTags() {
        String id = sf.idOf("Contact", 4);
        Map<String, Object> before = sf.record(id);
        boolean champion = Boolean.TRUE.equals(before.get("Champion__c"));
        sf.updateRecord("Contact", id, Map.of("Champion__c", !champion, "Role__c", "Sponsor"), null);
        assertThat(service.runFlow("salesforce-contacts")).containsEntry("outcome", "succeeded").containsEntry("records_written", 1L);
        Set<String> roles = new HashSet<>(service.jdbc().queryForList("SELECT r.role FROM contact_role_tags r JOIN contacts c "
                + "ON c.id = r.contact_id WHERE c.contact_id = ?", String.class, id));
        assertThat(roles.contains("champion")).isEqualTo(!champion);
        assertThat(roles).contains("sponsor");
    }

    @Test
    @Order(9)
    void aSessionThatExpiresBetweenTwoPagesIsRenewedAndTheRunCompletes() throws Exception {
        long logins = sf.counters().successfulLogins();
        long invalid = sf.counters().events("invalidSession");
        // Ten contacts whose account is still there (the sandbox refuses writes that point at a deleted account).
        records(sf, "Contact", CONTACTS, r -> r.get("AccountId") == null
                        || !Boolean.TRUE.equals(sf.record((String) r.get("AccountId")).get("IsDeleted"))).stream().skip(10).limit(10)
                .forEach(c -> sf.updateRecord("Contact", (String) c.get("Id"), Map.of("LastName", "Relogged"), null));
        // The first queryMore is held for a moment, and the session expires while it waits.
        sf.addFault(Faults.on("*", "**/01g*").latency(1500).nth(1));
        Thread expire = new Thread(() -> {
            try {
                Thread.sleep(700);
            } catch (InterruptedException e) {
                return;
            }
            sf.expireAllSessions();
        });
        try {
            expire.start();
            Map<String, Object> run = service.runFlow("salesforce-contacts");
            assertThat(run).containsEntry("outcome", "succeeded").containsEntry("records_written", 10L);
        } finally {
            expire.join();
            sf.clearFaults();
        }
        assertThat(sf.counters().events("invalidSession")).isEqualTo(invalid + 1);
        assertThat(sf.counters().successfulLogins()).isEqualTo(logins + 1);
        assertThat(service.count("SELECT count(*) FROM contacts WHERE name LIKE '% Relogged'")).isEqualTo(10);
    }

    @Test
    @Order(10)
    void aRevokedRefreshTokenFailsTheRunsCleanlyUntilItWorksAgain() {
        assertThat(service.camel().getRouteController().getRouteStatus("salesforce-accounts-push"))
                .isEqualTo(org.apache.camel.ServiceStatus.Stopped); // input mode: local edits never leave
        sf.revokeRefreshToken();
        try {
            Map<String, Object> failed = service.runFlow("salesforce-accounts");
            assertThat(failed).containsEntry("outcome", "failed").containsEntry("records_read", 0L);
            assertThat((String) failed.get("message")).contains("invalid_grant");
            assertThat(health()).contains("\"status\":\"DOWN\"").contains("invalid_grant");
        } finally {
            sf.restoreRefreshToken();
        }
        assertThat(service.runFlow("salesforce-accounts")).containsEntry("outcome", "succeeded");
        assertThat(health()).contains("\"status\":\"UP\"");
    }

    @Test
    @Order(11)
    void anAccountRefusedOnEveryReReadIsOneLetterResolvedWhenFixedAtTheSourceAndReplayableOnceTheCauseIsGone() throws Exception {
        service.jdbc().execute("ALTER TABLE customers ADD CONSTRAINT team_rule CHECK (name IS DISTINCT FROM 'Poison Account')");
        String noCustomerId;
        try {
            sf.createRecord("Account", Map.of("Name", "Poison Account", "Type", VIEW, "Customer_ID__c", "POISON-1"), null);
            noCustomerId = sf.createRecord("Account", Map.of("Name", "No Id Yet", "Type", VIEW), null);
            assertThat(service.runFlow("salesforce-accounts")).containsEntry("records_dead_lettered", 2L);
            // Read again inside the look-back and refused again: still one letter each, with the attempt counted.
            assertThat(service.runFlow("salesforce-accounts")).containsEntry("records_dead_lettered", 2L);
            assertThat(service.jdbc().queryForList("SELECT status, attempts FROM dead_letters WHERE flow = 'salesforce-accounts'"))
                    .hasSize(2).allSatisfy(l -> assertThat(l).containsEntry("status", "open").containsEntry("attempts", 2));

            sf.updateRecord("Account", noCustomerId, Map.of("Customer_ID__c", "FIXED-1"), null);
            Map<String, Object> fixed = service.runFlow("salesforce-accounts");
            assertThat(customer("FIXED-1")).containsEntry("name", "No Id Yet");
            assertThat(service.jdbc().queryForMap("SELECT status, resolved_run_id FROM dead_letters WHERE external_id = ?", noCustomerId))
                    .containsEntry("status", "resolved").containsEntry("resolved_run_id", fixed.get("id"));
        } finally {
            service.jdbc().execute("ALTER TABLE customers DROP CONSTRAINT team_rule");
        }
        long poison = service.jdbc().queryForObject("SELECT id FROM dead_letters WHERE flow = 'salesforce-accounts' AND status = 'open'", Long.class);
        var replayed = service.asAdmin("POST", "/api/dead-letters/" + poison + "/replay", null);
        assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(200);
        assertThat(customer("POISON-1")).containsEntry("name", "Poison Account");
        assertThat(service.jdbc().queryForObject("SELECT status FROM dead_letters WHERE id = ?", String.class, poison)).isEqualTo("replayed");
    }

    @Test
    @Order(12)
    void aContactTheStoreRefusedIsReplayedOnceTheCauseIsGone() throws Exception {
        service.jdbc().execute("ALTER TABLE contacts ADD CONSTRAINT team_rule_c CHECK (name IS DISTINCT FROM 'Poison Contact')");
        String id;
        try {
            id = sf.createRecord("Contact", Map.of("FirstName", "Poison", "LastName", "Contact"), null);
            assertThat(service.runFlow("salesforce-contacts")).containsEntry("records_dead_lettered", 1L);
        } finally {
            service.jdbc().execute("ALTER TABLE contacts DROP CONSTRAINT team_rule_c");
        }
        long letter = service.jdbc().queryForObject("SELECT id FROM dead_letters WHERE flow = 'salesforce-contacts' AND external_id = ?",
                Long.class, id);
        var replayed = service.asAdmin("POST", "/api/dead-letters/" + letter + "/replay", null);
        assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(200);
        assertThat(service.count("SELECT count(*) FROM contacts WHERE contact_id = ? AND name = 'Poison Contact'", id)).isEqualTo(1);
        assertThat(service.jdbc().queryForObject("SELECT status FROM dead_letters WHERE id = ?", String.class, letter)).isEqualTo("replayed");
    }

    @Test
    @Order(13)
    void recordsWithAnUnreadableOrImpossibleSystemModstampAreKeptAsideAndTheCheckpointMovesOn() {
        List<Map<String, Object>> view = view();
        String fine = (String) view.get(3).get("Id");
        String farFuture = (String) view.get(4).get("Id");
        String garbled = (String) view.get(5).get("Id");
        Instant now = sf.now().truncatedTo(ChronoUnit.SECONDS);
        // The newest changes of the read, the last one of its page served with a time that is not one.
        sf.updateRecord("Account", fine, Map.of("Name", "Changed Fine"), now.minusSeconds(2));
        sf.updateRecord("Account", farFuture, Map.of("Name", "Far Future"), now.minusSeconds(1));
        sf.updateRecord("Account", garbled, Map.of("Name", "Garbled Time"), now);
        sf.poisonRecord(farFuture, "SystemModstamp", "9999-12-31T00:00:00.000+0000");
        sf.poisonRecord(garbled, "SystemModstamp", "2024-02-30T25:61:00.000+0000");
        try {
            Map<String, Object> run = service.runFlow("salesforce-accounts");
            assertThat(run).containsEntry("outcome", "succeeded").containsEntry("records_dead_lettered", 2L);
            assertThat(customer((String) view.get(3).get("Customer_ID__c"))).containsEntry("name", "Changed Fine");
            assertThat(service.jdbc().queryForObject("SELECT error_message FROM dead_letters WHERE flow = 'salesforce-accounts' "
                    + "AND external_id = ? ORDER BY id DESC LIMIT 1", String.class, garbled))
                    .isEqualTo("SystemModstamp: not a Salesforce datetime: 2024-02-30T25:61:00.000+0000");
            assertThat(service.jdbc().queryForObject("SELECT error_message FROM dead_letters WHERE flow = 'salesforce-accounts' "
                    + "AND external_id = ? ORDER BY id DESC LIMIT 1", String.class, farFuture))
                    .startsWith("SystemModstamp: 9999-12-31T00:00:00.000+0000 is out of Salesforce's datetime range");

            // The checkpoint stayed at the last time it could read: a change made since is read, and the page never fails.
            sf.updateRecord("Account", (String) view.get(6).get("Id"), Map.of("Name", "Later Change"), null);
            assertThat(service.runFlow("salesforce-accounts")).containsEntry("outcome", "succeeded");
            assertThat(customer((String) view.get(6).get("Customer_ID__c"))).containsEntry("name", "Later Change");

            String contact = (String) records(sf, "Contact", CONTACTS, r -> r.get("AccountId") == null
                    || !Boolean.TRUE.equals(sf.record((String) r.get("AccountId")).get("IsDeleted"))).get(20).get("Id");
            sf.updateRecord("Contact", contact, Map.of("LastName", "Garbled"), null);
            sf.poisonRecord(contact, "SystemModstamp", "yesterday");
            for (int i = 0; i < 2; i++) {
                assertThat(service.runFlow("salesforce-contacts")).containsEntry("outcome", "succeeded");
            }
            assertThat(service.jdbc().queryForObject("SELECT error_message FROM dead_letters WHERE flow = 'salesforce-contacts' "
                    + "AND external_id = ? ORDER BY id DESC LIMIT 1", String.class, contact))
                    .isEqualTo("SystemModstamp: not a Salesforce datetime: yesterday");
        } finally {
            sf.curePoison(farFuture);
            sf.curePoison(garbled);
        }
    }

    private static String health() {
        try {
            var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(service.url("/actuator/health/salesforce")))
                    .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                            (TestService.ADMIN + ":" + TestService.ADMIN_PASSWORD).getBytes())).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            return response.body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @Order(11)
    void aContactChangedWhileAFirstReadPagesAndARunThatBreaksOffLoseNothing() {
        long linked = service.count("SELECT count(*) FROM identity_links WHERE system = 'salesforce' AND object = 'contacts'");
        assertThat(linked).isGreaterThan(35);
        // A first read again, from nothing.
        service.jdbc().update("DELETE FROM sync_checkpoints WHERE flow = 'salesforce-contacts'");
        service.jdbc().update("DELETE FROM identity_links WHERE system = 'salesforce' AND object = 'contacts'");
        service.jdbc().update("DELETE FROM contacts");
        // queryAll's order (deleted rows too): SystemModstamp, then Id.
        List<Map<String, Object>> all = new java.util.ArrayList<>();
        for (int i = 0; i < CONTACTS; i++) {
            all.add(sf.record(sf.idOf("Contact", i)));
        }
        all.sort(java.util.Comparator.comparing((Map<String, Object> r) -> time(r.get("SystemModstamp")))
                .thenComparing(r -> (String) r.get("Id")));
        // The query's rows are fixed when it runs, each page shows them as they are then: the last row of page 3 is
        // changed just before that page is fetched (its new SystemModstamp, at its old place); page 5 then fails.
        String changed = (String) all.get(3 * 7 - 1).get("Id");
        sf.addFault(Faults.on("*", "/services/data/*/query**").nth(3)
                .action(() -> sf.updateRecord("Contact", changed, Map.of("LastName", "Changed During The Read"), null)));
        sf.addFault(Faults.on("*", "/services/data/*/query**").status(400).nth(5));
        try {
            assertThat(service.runFlow("salesforce-contacts")).containsEntry("outcome", "failed");
        } finally {
            sf.clearFaults();
        }
        assertThat(service.count("SELECT count(*) FROM contacts")).isBetween(3L * 7, linked - 1);

        assertThat(service.runFlow("salesforce-contacts")).containsEntry("outcome", "succeeded");
        assertThat(service.count("SELECT count(*) FROM contacts")).isEqualTo(linked);
        assertThat(service.count("SELECT count(*) FROM contacts WHERE name LIKE '% Changed During The Read'")).isEqualTo(1);
    }

}
