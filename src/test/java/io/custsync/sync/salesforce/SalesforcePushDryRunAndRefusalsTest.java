package io.custsync.sync.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.custsync.TestService;
import io.custsync.sandbox.salesforce.SalesforceControl;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * routes/salesforce-push.camel.yaml, both pushes (output mode, the default look-back): a dry run reaches no write
 * endpoint of Salesforce, reports counts per action with samples, moves no checkpoint or ledger and is kept apart
 * from real runs (status, metrics); a record Salesforce refuses is one dead letter, not sent again until it
 * changes, resolved when it later lands, discarded for good until it changes, and replayable through the flow.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SalesforcePushDryRunAndRefusalsTest {

    private static final String ACCOUNTS = "salesforce-accounts-push";
    private static final String CONTACTS = "salesforce-contacts-push";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestService service;
    private static SalesforceControl sf;
    private static long dryRunId;

    @BeforeAll
    static void start() throws Exception {
        String mappings = SalesforceFlowTestSupport.mappings("output", "output",
                "fields: { customer-id: Customer_ID__c, stage: Stage__c, profile: Profile__c }")
                .replace("fields: { phone: disabled }", "fields: { contact-id: Contact_ID__c, phone: disabled }");
        service = TestService.start(SalesforceFlowTestSupport.props(TestService.newStoreDir(), mappings));
        sf = SalesforceFlowTestSupport.sandbox(service);
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    @Order(1)
    void aDryRunOfTheAccountsPushReportsWhatItWouldWriteAndWritesNothing() throws Exception {
        service.jdbc().update("INSERT INTO customers (customer_id, name, domain, stage) VALUES "
                + "('CUST-0000001', 'Existing Renamed', 'existing.example.com', 'Adoption'), "
                + "('NEW-1', 'New One', 'new-one.example.com', 'Onboarding'), ('NEW-2', 'New Two', NULL, 'Renewal')");
        assertThat(service.runFlow(ACCOUNTS)).containsEntry("outcome", "succeeded").containsEntry("records_written", 3L);
        service.jdbc().update("UPDATE customers SET name = 'New One Renamed' WHERE customer_id = 'NEW-1'");
        service.jdbc().update("INSERT INTO customers (customer_id, name, stage) VALUES ('NEW-3', 'New Three', 'Renewal')");
        String before = snapshot();
        sf.resetCounters();

        HttpResponse<String> response = service.asAdmin("POST", "/api/sync/" + ACCOUNTS + "/dry-run", null);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode report = JSON.readTree(response.body());
        assertThat(report.path("outcome").asText()).isEqualTo("succeeded");
        dryRunId = report.path("run").asLong();
        // Inside the look-back every row is looked at again: two have nothing to send.
        assertThat(report.path("counts").path("update").asLong()).isEqualTo(1);
        assertThat(report.path("counts").path("upsert").asLong()).isEqualTo(1);
        assertThat(report.path("counts").path("unchanged").asLong()).isEqualTo(2);
        assertThat(report.path("samples").path("update").toString()).contains("NEW-1");
        assertThat(report.path("samples").path("upsert").toString()).contains("NEW-3");

        assertNoWriteReachedSalesforce();
        assertThat(account("NEW-1")).containsEntry("Name", "New One");
        assertThat(account("NEW-3")).isNull();
        assertThat(snapshot()).as("store, checkpoints and ledger after the dry run").isEqualTo(before);
    }

    @Test
    @Order(2)
    void dryRunsAreNotTheLastRunAndHaveTheirOwnMetrics() throws Exception {
        long lastReal = service.count("SELECT max(id) FROM sync_runs WHERE flow = ? AND NOT dry_run", ACCOUNTS);
        JsonNode flow = flow(JSON.readTree(service.http("GET", "/api/sync/status", TestService.VIEWER, TestService.VIEWER_PASSWORD, null).body()));
        assertThat(flow.path("lastRun").path("id").asLong()).isEqualTo(lastReal);
        assertThat(flow.path("lastRun").path("dryRun").asBoolean()).isFalse();
        assertThat(flow.path("recentRuns").findValues("dryRun")).allMatch(v -> !v.asBoolean());
        assertThat(flow.path("lastDryRun").path("id").asLong()).isEqualTo(dryRunId);
        assertThat(flow.path("lastDryRun").path("report").path("counts").path("update").asLong()).isEqualTo(1);

        String metrics = service.asAdmin("GET", "/actuator/prometheus", null).body();
        assertThat(metric(metrics, "sync_runs_total{flow=\"" + ACCOUNTS + "\",outcome=\"succeeded\"}")).isEqualTo(1.0);
        assertThat(metric(metrics, "sync_records_total{flow=\"" + ACCOUNTS + "\",kind=\"read\"}")).isEqualTo(3.0);
        assertThat(metric(metrics, "sync_dry_run_runs_total{flow=\"" + ACCOUNTS + "\",outcome=\"succeeded\"}")).isEqualTo(1.0);
        assertThat(metric(metrics, "sync_dry_run_records_total{flow=\"" + ACCOUNTS + "\",kind=\"read\"}")).isEqualTo(4.0);

        // The real run does what the dry run said.
        Map<String, Object> run = service.runFlow(ACCOUNTS);
        assertThat(run).containsEntry("outcome", "succeeded").containsEntry("records_written", 2L);
        assertThat((String) run.get("message")).contains("update=1").contains("create=1").contains("unchanged=2");
        assertThat(account("NEW-1")).containsEntry("Name", "New One Renamed");
        assertThat(account("NEW-3")).containsEntry("Name", "New Three");
    }

    @Test
    @Order(3)
    void aDryRunOfTheContactsPushReportsWhatItWouldWriteAndWritesNothing() throws Exception {
        long newOne = service.count("SELECT id FROM customers WHERE customer_id = 'NEW-1'");
        service.jdbc().update("INSERT INTO contacts (contact_id, email, name, customer_id) VALUES "
                + "('CON-00000001', 'first@existing.example.com', 'Ada Existing', NULL), "
                + "('NEW-C-1', 'grace@new-one.example.com', 'Grace Hopper', ?)", newOne);
        assertThat(service.runFlow(CONTACTS)).containsEntry("outcome", "succeeded").containsEntry("records_written", 2L);
        service.jdbc().update("UPDATE contacts SET name = 'Grace Brewster Hopper' WHERE contact_id = 'NEW-C-1'");
        service.jdbc().update("INSERT INTO contacts (contact_id, email, name, customer_id) VALUES ('NEW-C-2', 'solo@new-one.example.com', 'Solo', ?)", newOne);
        service.jdbc().update("INSERT INTO contact_role_tags (contact_id, role, source) SELECT id, 'champion', 'local' FROM contacts WHERE contact_id = 'NEW-C-2'");
        String before = snapshot();
        sf.resetCounters();

        HttpResponse<String> response = service.asAdmin("POST", "/api/sync/" + CONTACTS + "/dry-run", null);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode report = JSON.readTree(response.body());
        assertThat(report.path("outcome").asText()).isEqualTo("succeeded");
        assertThat(report.path("counts").path("update").asLong()).isEqualTo(1);
        assertThat(report.path("counts").path("upsert").asLong()).isEqualTo(1);
        assertThat(report.path("counts").path("unchanged").asLong()).isEqualTo(1);
        assertThat(report.path("samples").path("update").toString()).contains("NEW-C-1");
        assertThat(report.path("samples").path("upsert").toString()).contains("NEW-C-2");

        assertNoWriteReachedSalesforce();
        assertThat(contact("NEW-C-1")).containsEntry("LastName", "Hopper");
        assertThat(contact("NEW-C-2")).isNull();
        assertThat(snapshot()).isEqualTo(before);
        assertThat(service.runFlow(CONTACTS)).containsEntry("records_written", 2L);
        assertThat(contact("NEW-C-2")).containsEntry("Champion__c", true);
    }

    @Test
    @Order(4)
    void aRecordSalesforceRefusesIsOneDeadLetterAndIsNotSentAgainUntilItChanges() {
        sf.addValidationRule("Account", "Stage__c", "Churned", "Churned accounts are read-only", null);
        service.jdbc().update("UPDATE customers SET stage = 'Churned' WHERE customer_id IN ('NEW-2', 'NEW-3')");
        long sent = collectionCalls();
        Map<String, Object> first = service.runFlow(ACCOUNTS);
        assertThat(first).containsEntry("outcome", "succeeded").containsEntry("records_dead_lettered", 2L);
        // Inside the look-back the same rows come round again: the refused values are not sent again.
        for (int i = 0; i < 3; i++) {
            Map<String, Object> again = service.runFlow(ACCOUNTS);
            assertThat(again).containsEntry("outcome", "succeeded").containsEntry("records_dead_lettered", 0L);
            assertThat((String) again.get("message")).contains("still-refused=2");
        }
        assertThat(collectionCalls()).isEqualTo(sent + 1);
        List<Map<String, Object>> letters = letters(ACCOUNTS);
        assertThat(letters).hasSize(2).allSatisfy(l -> assertThat(l).containsEntry("status", "open").containsEntry("attempts", 1));
        assertThat(letters).extracting(l -> l.get("external_id")).containsExactlyInAnyOrder("NEW-2", "NEW-3");
    }

    @Test
    @Order(5)
    void aRefusedRecordThatChangesIsSentAgainAndItsOneLetterUpdated() {
        long sent = collectionCalls();
        service.jdbc().update("UPDATE customers SET profile = 'Strategic' WHERE customer_id = 'NEW-2'");
        Map<String, Object> run = service.runFlow(ACCOUNTS);
        assertThat(run).containsEntry("records_dead_lettered", 1L);
        assertThat((String) run.get("message")).contains("still-refused=1");
        assertThat(collectionCalls()).isEqualTo(sent + 1);
        Map<String, Object> letter = letter(ACCOUNTS, "NEW-2", "open");
        assertThat(letter).containsEntry("attempts", 2).containsEntry("run_id", run.get("id"))
                .containsEntry("error_code", "FIELD_CUSTOM_VALIDATION_EXCEPTION");
        assertThat(new String((byte[]) letter.get("payload"))).contains("Strategic");
        assertThat((Timestamp) letter.get("last_attempt_at")).isAfter((Timestamp) letter.get("created_at"));
        assertThat(letters(ACCOUNTS)).hasSize(2);
    }

    @Test
    @Order(6)
    void aRecordThatLaterLandsResolvesItsLetterWithTheRunThatLandedIt() throws Exception {
        service.jdbc().update("UPDATE customers SET stage = 'Renewal' WHERE customer_id = 'NEW-2'"); // what Salesforce holds
        Map<String, Object> run = service.runFlow(ACCOUNTS);
        assertThat(run).containsEntry("records_written", 1L).containsEntry("records_dead_lettered", 0L);
        assertThat(account("NEW-2")).containsEntry("Profile__c", "Strategic");
        Map<String, Object> letter = letter(ACCOUNTS, "NEW-2", "resolved");
        assertThat(letter).containsEntry("resolved_run_id", run.get("id"));
        assertThat(letter.get("resolved_at")).isNotNull();
        JsonNode listed = JSON.readTree(service.http("GET", "/api/dead-letters?flow=" + ACCOUNTS + "&status=resolved",
                TestService.VIEWER, TestService.VIEWER_PASSWORD, null).body());
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).path("resolved_run_id").asLong()).isEqualTo(run.get("id"));
        assertThat(listed.get(0).path("attempts").asInt()).isEqualTo(2);
    }

    @Test
    @Order(7)
    void aDiscardedLetterStaysDiscardedUntilTheRecordChangesAgain() {
        long id = ((Number) letter(ACCOUNTS, "NEW-3", "open").get("id")).longValue();
        assertThat(service.http("POST", "/api/dead-letters/" + id + "/discard", TestService.VIEWER, TestService.VIEWER_PASSWORD,
                "{\"reason\":\"x\"}").statusCode()).isEqualTo(403);
        assertThat(service.asAdmin("POST", "/api/dead-letters/" + id + "/discard", "{\"reason\":\"churned on purpose\"}").statusCode())
                .isEqualTo(200);
        long sent = collectionCalls();
        assertThat(service.runFlow(ACCOUNTS)).containsEntry("records_dead_lettered", 0L);
        assertThat(collectionCalls()).isEqualTo(sent);
        assertThat(service.count("SELECT count(*) FROM dead_letters WHERE flow = ? AND external_id = 'NEW-3'", ACCOUNTS)).isEqualTo(1);

        // The record changes (and is still refused): a new open letter; the discarded one stays as it was.
        service.jdbc().update("UPDATE customers SET name = 'New Three Renamed' WHERE customer_id = 'NEW-3'");
        assertThat(service.runFlow(ACCOUNTS)).containsEntry("records_dead_lettered", 1L);
        assertThat(collectionCalls()).isEqualTo(sent + 1);
        assertThat(letter(ACCOUNTS, "NEW-3", "discarded")).containsEntry("id", id).containsEntry("attempts", 1);
        assertThat(((Number) letter(ACCOUNTS, "NEW-3", "open").get("id")).longValue()).isNotEqualTo(id);
    }

    @Test
    @Order(8)
    void anAccountsPushLetterIsReplayedThroughTheFlowOnceTheCauseIsFixed() throws Exception {
        long id = ((Number) letter(ACCOUNTS, "NEW-3", "open").get("id")).longValue();
        assertThat(service.http("POST", "/api/dead-letters/" + id + "/replay", TestService.VIEWER, TestService.VIEWER_PASSWORD, null)
                .statusCode()).isEqualTo(403);
        // Before the fix: sent again, refused again, still open with the attempt counted.
        HttpResponse<String> refused = service.asAdmin("POST", "/api/dead-letters/" + id + "/replay", null);
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("Churned accounts are read-only");
        assertThat(letter(ACCOUNTS, "NEW-3", "open")).containsEntry("id", id).containsEntry("attempts", 2);

        sf.clearValidationRules();
        HttpResponse<String> replayed = service.asAdmin("POST", "/api/dead-letters/" + id + "/replay", null);
        assertThat(replayed.statusCode()).isEqualTo(200);
        assertThat(account("NEW-3")).containsEntry("Stage__c", "Churned").containsEntry("Name", "New Three Renamed");
        assertThat(service.jdbc().queryForObject("SELECT status FROM dead_letters WHERE id = ?", String.class, id)).isEqualTo("replayed");
        long sent = collectionCalls();
        assertThat(service.runFlow(ACCOUNTS)).containsEntry("records_written", 0L);
        assertThat(collectionCalls()).isEqualTo(sent);

        assertThat(service.asAdmin("POST", "/api/dead-letters/987654/replay", null).statusCode()).isEqualTo(404);
        assertThat(service.asAdmin("POST", "/api/dead-letters/replay?flow=no-such-flow", null).statusCode()).isEqualTo(404);
        assertThat(service.asAdmin("POST", "/api/dead-letters/replay?flow=" + ACCOUNTS, null).statusCode()).isEqualTo(200);
    }

    @Test
    @Order(9)
    void aContactsPushLetterIsReplayedThroughTheFlowToo() throws Exception {
        String twin = sf.createRecord("Contact", Map.of("LastName", "Twin", "Contact_ID__c", "TWIN-1"), null);
        sf.createRecord("Contact", Map.of("LastName", "Twin", "Contact_ID__c", "TWIN-1"), null);
        service.jdbc().update("INSERT INTO contacts (contact_id, email, name) VALUES ('TWIN-1', 'twin@x.example.com', 'Twin Peaks')");
        assertThat(service.runFlow(CONTACTS)).containsEntry("records_dead_lettered", 1L);
        assertThat(service.runFlow(CONTACTS)).containsEntry("records_dead_lettered", 0L);
        Map<String, Object> letter = letter(CONTACTS, "TWIN-1", "open");
        assertThat(letter).containsEntry("error_code", "DUPLICATE_EXTERNAL_ID").containsEntry("attempts", 1);

        sf.deleteRecord("Contact", twin, null); // the operator removes the duplicate in Salesforce
        HttpResponse<String> replayed = service.asAdmin("POST", "/api/dead-letters/" + letter.get("id") + "/replay", null);
        assertThat(replayed.statusCode()).isEqualTo(200);
        assertThat(contact("TWIN-1")).containsEntry("LastName", "Peaks").containsEntry("Email", "twin@x.example.com");
        assertThat(letter(CONTACTS, "TWIN-1", "replayed")).containsEntry("id", letter.get("id"));
    }

    private static void assertNoWriteReachedSalesforce() {
        assertThat(sf.counters().writes()).as("records written in the org").isEmpty();
        assertThat(sf.counters().apiCalls().keySet()).as("API calls").allMatch(call -> call.startsWith("GET "));
    }

    /** sObject Collections calls so far: each one is a send of records. */
    private static long collectionCalls() {
        return sf.counters().apiCalls().entrySet().stream().filter(e -> e.getKey().endsWith("composite-sobjects"))
                .mapToLong(Map.Entry::getValue).sum();
    }

    private static List<Map<String, Object>> letters(String flow) {
        return service.jdbc().queryForList("SELECT * FROM dead_letters WHERE flow = ? ORDER BY id", flow);
    }

    private static Map<String, Object> letter(String flow, String externalId, String status) {
        return service.jdbc().queryForMap("SELECT * FROM dead_letters WHERE flow = ? AND external_id = ? AND status = ?",
                flow, externalId, status);
    }

    private static JsonNode flow(JsonNode status) {
        for (JsonNode f : status.path("flows")) {
            if (f.path("flow").asText().equals(ACCOUNTS)) {
                return f;
            }
        }
        throw new AssertionError("no flow " + ACCOUNTS);
    }

    /** One sample of the Prometheus text format, e.g. {@code sync_runs_total{flow="x",outcome="succeeded"} 1.0}. */
    static double metric(String metrics, String series) {
        return metrics.lines().filter(l -> l.startsWith(series + " ")).map(l -> Double.parseDouble(l.substring(series.length() + 1).trim()))
                .findFirst().orElseThrow(() -> new AssertionError("no series " + series));
    }

    private static Map<String, Object> account(String customerId) {
        return find("Account", "Customer_ID__c", customerId);
    }

    private static Map<String, Object> contact(String contactId) {
        return find("Contact", "Contact_ID__c", contactId);
    }

    private static Map<String, Object> find(String type, String field, String value) {
        for (int i = 0; i < sf.recordCount(type) + 10; i++) { // deleted records may not count
            Map<String, Object> rec = sf.record(sf.idOf(type, i));
            if (rec != null && !Boolean.TRUE.equals(rec.get("IsDeleted")) && value.equals(rec.get(field))) {
                return rec;
            }
        }
        return null;
    }

    /** Every table a push could change, checkpoints and ledger included: a dry run leaves them as they were. */
    private static String snapshot() {
        StringBuilder out = new StringBuilder();
        for (String table : List.of("customers", "contacts", "contact_role_tags", "identity_links", "push_ledger", "sync_checkpoints",
                "dead_letters", "conflicts")) {
            out.append(table).append(service.jdbc().queryForList("SELECT * FROM " + table + " ORDER BY 1, 2")).append('\n');
        }
        return out.toString();
    }
}
