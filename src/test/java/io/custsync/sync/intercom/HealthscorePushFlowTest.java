package io.custsync.sync.intercom;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.custsync.TestService;
import io.custsync.sandbox.common.Faults;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** routes/healthscore-push.camel.yaml against the sandbox: attributes, diffs, skips, dead letters, a broken-off push, dry run. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HealthscorePushFlowTest {

    private static final String FLOW = "healthscore-push";
    private static TestService service;

    @BeforeAll
    static void start() throws Exception {
        String mappings = IntercomFlowTestSupport.INTERCOM_AS_CRM + """
                  healthscore:
                    intercom: { mode: output, to-contacts: true }
                """;
        service = TestService.start(IntercomFlowTestSupport.props(TestService.newStoreDir(), mappings));
        assertThat(service.runFlow("intercom-companies")).containsEntry("outcome", "succeeded");
        assertThat(service.runFlow("intercom-contacts")).containsEntry("outcome", "succeeded");
        // Two customers Intercom has never seen: skipped and counted, never an error.
        service.jdbc().update("INSERT INTO customers (customer_id, name, healthscore, csm_pulse) VALUES "
                + "('local-1', 'Local One', 50, 'green'), ('local-2', 'Local Two', 60, 'red')");
        // Every linked customer gets a score and a pulse from its position.
        service.jdbc().update("""
                UPDATE customers c SET healthscore = 10 + (n.rn % 9) * 10 + 0.5, csm_pulse = (ARRAY['green','yellow','red'])[1 + n.rn % 3]
                FROM (SELECT id, row_number() OVER (ORDER BY id) AS rn FROM customers WHERE customer_id LIKE 'cmp-%') n WHERE n.id = c.id""");
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    @Order(1)
    void theFirstPushCreatesTheAttributesAndSendsEveryScoreToCompaniesAndTheirContacts() throws Exception {
        service.sandbox().resetCounters();
        Map<String, Object> run = service.runFlow(FLOW);
        long linkedContacts = linkedContactsWithCustomer();
        assertThat(linkedContacts).isPositive();
        assertThat(run).containsEntry("outcome", "succeeded").containsEntry("records_read", 42L)
                .containsEntry("records_written", 40L + linkedContacts).containsEntry("records_dead_lettered", 0L);
        assertThat((String) run.get("message")).contains("update=40").contains("skipped-no-company=2")
                .contains("create-attribute=4").contains("update-contact=" + linkedContacts);
        assertThat(service.sandbox().counters().count("POST /data_attributes")).isEqualTo(4);
        assertThat(service.sandbox().counters().count("PUT /companies/{id}")).isEqualTo(40);
        assertThat(service.sandbox().counters().count("PUT /contacts/{id}")).isEqualTo(linkedContacts);

        JsonNode attributes = IntercomFlowTestSupport.api(service, "GET", "/data_attributes?model=company", null);
        assertThat(type(attributes, "healthscore")).isEqualTo("float");
        assertThat(type(attributes, "csm_pulse")).isEqualTo("string");
        for (Map<String, Object> row : service.jdbc().queryForList("""
                SELECT l.external_id, c.healthscore, c.csm_pulse FROM customers c JOIN identity_links l
                ON l.system = 'intercom' AND l.object = 'customers' AND l.local_id = c.id""")) {
            JsonNode company = IntercomFlowTestSupport.api(service, "GET", "/companies/" + row.get("external_id"), null);
            assertThat(company.path("custom_attributes").path("healthscore").decimalValue())
                    .isEqualByComparingTo((java.math.BigDecimal) row.get("healthscore"));
            assertThat(company.path("custom_attributes").path("csm_pulse").asText()).isEqualTo(row.get("csm_pulse"));
        }
        Map<String, Object> contact = service.jdbc().queryForMap("""
                SELECT l.external_id, cu.healthscore FROM contacts c JOIN customers cu ON cu.id = c.customer_id
                JOIN identity_links l ON l.system = 'intercom' AND l.object = 'contacts' AND l.local_id = c.id ORDER BY c.id LIMIT 1""");
        assertThat(IntercomFlowTestSupport.api(service, "GET", "/contacts/" + contact.get("external_id"), null)
                .path("custom_attributes").path("healthscore").decimalValue()).isEqualByComparingTo((java.math.BigDecimal) contact.get("healthscore"));
    }

    @Test
    @Order(2)
    void aSecondRunWithNothingChangedReusesTheAttributesAndWritesNothing() {
        service.sandbox().resetCounters();
        Map<String, Object> run = service.runFlow(FLOW);
        assertThat(run).containsEntry("outcome", "succeeded").containsEntry("records_written", 0L);
        assertThat(service.sandbox().counters().writes()).isZero();
        assertThat(service.sandbox().counters().count("GET /data_attributes")).isEqualTo(2);
        assertThat((String) run.get("message")).contains("unchanged=40").doesNotContain("create-attribute");
    }

    @Test
    @Order(3)
    void onlyChangedScoresAreSent() {
        List<Long> changed = service.jdbc().queryForList("SELECT id FROM customers WHERE customer_id LIKE 'cmp-%' ORDER BY id LIMIT 3", Long.class);
        changed.forEach(id -> service.jdbc().update("UPDATE customers SET healthscore = healthscore + 1 WHERE id = ?", id));
        long contactsOfChanged = service.count("""
                SELECT count(*) FROM contacts c JOIN identity_links l ON l.system = 'intercom' AND l.object = 'contacts' AND l.local_id = c.id
                WHERE c.customer_id IN (?, ?, ?) AND c.archived_at IS NULL AND c.merged_into IS NULL""", changed.toArray());
        service.sandbox().resetCounters();
        Map<String, Object> run = service.runFlow(FLOW);
        assertThat(run).containsEntry("records_written", 3L + contactsOfChanged);
        assertThat(service.sandbox().counters().count("PUT /companies/{id}")).isEqualTo(3);
        assertThat(service.sandbox().counters().count("PUT /contacts/{id}")).isEqualTo(contactsOfChanged);
        assertThat(service.sandbox().counters().writes()).isEqualTo(3 + contactsOfChanged);
    }

    @Test
    @Order(4)
    void aDryRunReportsTheChangesAndWritesNothingAnywhere() throws Exception {
        service.jdbc().update("UPDATE customers SET csm_pulse = 'red', healthscore = 1 WHERE customer_id IN "
                + "(SELECT customer_id FROM customers WHERE customer_id LIKE 'cmp-%' ORDER BY id OFFSET 5 LIMIT 2)");
        String before = storeSnapshot();
        service.sandbox().resetCounters();
        Map<String, Object> dry = runDry();
        assertThat(dry).containsEntry("outcome", "succeeded").containsEntry("dry_run", true).containsEntry("records_written", 0L);
        assertThat(service.sandbox().counters().writes()).isZero();
        assertThat(storeSnapshot()).isEqualTo(before);
        JsonNode report = new com.fasterxml.jackson.databind.ObjectMapper().readTree(dry.get("report").toString());
        assertThat(report.path("counts").path("update").asLong()).isEqualTo(2);
        assertThat(report.path("counts").path("unchanged").asLong()).isEqualTo(38);
        assertThat(report.path("counts").path("skipped-no-company").asLong()).isEqualTo(2);
        assertThat(report.path("samples").path("update")).hasSize(2);

        assertThat(service.runFlow(FLOW)).containsEntry("outcome", "succeeded");
        assertThat(service.sandbox().counters().count("PUT /companies/{id}")).isEqualTo(2);
    }

    @Test
    @Order(5)
    void aRefusedCompanyIsDeadLetteredTheRestArriveAndItIsNotSentAgainUntilReplayed() {
        service.jdbc().update("UPDATE customers SET healthscore = 33 WHERE customer_id IN "
                + "(SELECT customer_id FROM customers WHERE customer_id LIKE 'cmp-%' ORDER BY id OFFSET 10 LIMIT 4)");
        service.sandbox().resetCounters();
        service.sandbox().addFault(Faults.on("PUT", "/companies/*").status(422).nth(2));
        Map<String, Object> run;
        try {
            run = service.runFlow(FLOW);
        } finally {
            service.sandbox().clearFaults();
        }
        assertThat(run).containsEntry("outcome", "succeeded").containsEntry("records_dead_lettered", 1L);
        assertThat(service.count("SELECT count(*) FROM dead_letters WHERE flow = ? AND run_id = ?", FLOW, run.get("id"))).isEqualTo(1);
        assertThat(service.jdbc().queryForObject("SELECT error_message FROM dead_letters WHERE run_id = ?", String.class, run.get("id")))
                .contains("422");
        assertThat(service.sandbox().counters().count("PUT /companies/{id}")).isEqualTo(4);

        // The same write is not sent again while its letter is open: a replay sends it.
        service.sandbox().resetCounters();
        assertThat((String) service.runFlow(FLOW).get("message")).contains("still-refused=1");
        assertThat(service.sandbox().counters().count("PUT /companies/{id}")).isZero();
        long letter = service.count("SELECT id FROM dead_letters WHERE flow = ? AND status = 'open'", FLOW);
        assertThat(service.context().getBean(io.custsync.ops.DeadLetterReplay.class).replay(letter).replayed()).isTrue();
        assertThat(service.sandbox().counters().count("PUT /companies/{id}")).isEqualTo(1);
    }

    @Test
    @Order(6)
    void aPushBrokenOffMidWayResendsNothingThatArrivedAndSkipsNothing() throws Exception {
        List<String> customers = service.jdbc().queryForList(
                "SELECT customer_id FROM customers WHERE customer_id LIKE 'cmp-%' ORDER BY id OFFSET 20 LIMIT 10", String.class);
        customers.forEach(c -> service.jdbc().update("UPDATE customers SET healthscore = 99.25 WHERE customer_id = ?", c));
        service.sandbox().resetCounters();
        // The 4th company write is refused for the whole app (403): the run stops there, as a crash would.
        service.sandbox().addFault(Faults.on("PUT", "/companies/*").status(403).nth(4));
        Map<String, Object> broken;
        try {
            broken = service.runFlow(FLOW);
        } finally {
            service.sandbox().clearFaults();
        }
        assertThat(broken).containsEntry("outcome", "failed");
        assertThat(service.sandbox().counters().count("PUT /companies/{id}")).isEqualTo(4);

        service.sandbox().resetCounters();
        assertThat(service.runFlow(FLOW)).containsEntry("outcome", "succeeded");
        // 3 arrived before the break and are not sent again; the refused one and the 6 after it are.
        assertThat(service.sandbox().counters().count("PUT /companies/{id}")).isEqualTo(7);
        for (String c : customers) {
            String company = service.jdbc().queryForObject("""
                    SELECT l.external_id FROM identity_links l JOIN customers c ON c.id = l.local_id
                    WHERE l.system = 'intercom' AND l.object = 'customers' AND c.customer_id = ?""", String.class, c);
            assertThat(IntercomFlowTestSupport.api(service, "GET", "/companies/" + company, null)
                    .path("custom_attributes").path("healthscore").asDouble()).isEqualTo(99.25);
        }
        service.sandbox().resetCounters();
        service.runFlow(FLOW);
        assertThat(service.sandbox().counters().writes()).isZero();
    }

    @Test
    @Order(7)
    void aPushPacedToASmallRateLimitNeverDrawsA429() throws Exception {
        service.sandbox().setRateLimit(20);
        try {
            // Steady state: a fresh window under the new limit, which the first answer tells the pacer.
            Thread.sleep(10_500);
            service.jdbc().update("UPDATE customers SET healthscore = 12.5 WHERE customer_id IN "
                    + "(SELECT customer_id FROM customers WHERE customer_id LIKE 'cmp-%' ORDER BY id OFFSET 30 LIMIT 8)");
            service.sandbox().resetCounters();
            Map<String, Object> run = service.runFlow(FLOW);
            assertThat(run).containsEntry("outcome", "succeeded").containsEntry("rate_limited", 0L);
            assertThat(service.sandbox().counters().rateLimited()).isZero();
            assertThat(service.sandbox().counters().count("PUT /companies/{id}")).isEqualTo(8);
            // More calls than one 10-second window allows: the pacer spread them over windows.
            assertThat(service.sandbox().counters().total()).isGreaterThan(20);
        } finally {
            service.sandbox().setRateLimit(1666);
        }
    }

    private static Map<String, Object> runDry() {
        Long before = service.count("SELECT COALESCE(max(id), 0) FROM sync_runs WHERE flow = ?", FLOW);
        assertThat(service.context().getBean(io.custsync.ops.FlowTrigger.class).fireNow(FLOW, true)).isTrue();
        return org.awaitility.Awaitility.await().atMost(java.time.Duration.ofMinutes(2))
                .until(() -> service.jdbc().queryForList("SELECT * FROM sync_runs WHERE flow = ? AND id > ? AND outcome <> 'running'",
                        FLOW, before), rows -> !rows.isEmpty()).get(0);
    }

    /** Every table a push could touch, as text: a dry run must leave it byte for byte as it was. */
    static String storeSnapshot() {
        return snapshot(service);
    }

    static String snapshot(TestService service) {
        StringBuilder out = new StringBuilder();
        for (String table : List.of("customers", "contacts", "contact_role_tags", "identity_links", "push_ledger", "sync_checkpoints",
                "dead_letters")) {
            out.append(table).append(service.jdbc().queryForList("SELECT * FROM " + table + " ORDER BY 1, 2, 3")).append('\n');
        }
        return out.toString();
    }

    private static long linkedContactsWithCustomer() {
        return service.count("""
                SELECT count(*) FROM contacts c JOIN identity_links l ON l.system = 'intercom' AND l.object = 'contacts' AND l.local_id = c.id
                JOIN identity_links k ON k.system = 'intercom' AND k.object = 'customers' AND k.local_id = c.customer_id
                WHERE c.archived_at IS NULL AND c.merged_into IS NULL""");
    }

    private static String type(JsonNode attributes, String name) {
        for (JsonNode a : attributes.path("data")) {
            if (name.equals(a.path("name").asText())) {
                return a.path("data_type").asText();
            }
        }
        return null;
    }
}
