package io.custsync.sync.intercom;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.custsync.TestService;
import io.custsync.sandbox.common.Faults;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Dead letters of the Intercom flows, over their routes: a contact refused on every (day) re-read is one open
 * letter; a discarded one stays discarded until the contact changes; a contact fixed at the source resolves its
 * letter. A write Intercom refuses (companies push, contacts push, healthscore push) is not sent again until the
 * record changes, and its letter is replayed through the flow.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IntercomDeadLettersTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestService service;
    private static String a;
    private static String b;

    @BeforeAll
    static void start() throws Exception {
        String mappings = """
                crm: intercom
                objects:
                  customers:
                    intercom: { mode: two-way, behaviour: update-or-create }
                  contacts:
                    intercom: { mode: two-way, behaviour: update-or-create, match-key: email }
                  healthscore:
                    intercom: { mode: output }
                """;
        service = TestService.start(IntercomFlowTestSupport.props(TestService.newStoreDir(), mappings));
        assertThat(service.runFlow("intercom-companies")).containsEntry("outcome", "succeeded");
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    @Order(1)
    void aContactRefusedOnEveryReReadIsOneOpenLetterWithItsAttempts() {
        a = service.sandbox().contactId(3);
        b = service.sandbox().contactId(4);
        // Changed today: the day-granular search brings them again on every run.
        service.sandbox().updateContact(a, Map.of("name", "Anna Recent"), null);
        service.sandbox().updateContact(b, Map.of("name", "Bert Recent"), null);
        service.sandbox().poisonContact(a, "email", JsonNodeFactory.instance.objectNode().put("address", "x"));
        service.sandbox().poisonContact(b, "email", JsonNodeFactory.instance.objectNode().put("address", "y"));
        assertThat(service.runFlow("intercom-contacts")).containsEntry("records_dead_lettered", 2L);
        assertThat(service.runFlow("intercom-contacts")).containsEntry("records_dead_lettered", 2L);
        List<Map<String, Object>> letters = letters("intercom-contacts");
        assertThat(letters).hasSize(2).allSatisfy(l -> assertThat(l).containsEntry("status", "open").containsEntry("attempts", 2));
    }

    @Test
    @Order(2)
    void aDiscardedLetterStaysDiscardedOnTheNextRunsUntilTheContactChanges() {
        long id = ((Number) letter("intercom-contacts", a, "open").get("id")).longValue();
        assertThat(service.asAdmin("POST", "/api/dead-letters/" + id + "/discard", "{\"reason\":\"test contact\"}").statusCode()).isEqualTo(200);
        assertThat(service.runFlow("intercom-contacts")).containsEntry("records_dead_lettered", 1L); // b only
        assertThat(service.count("SELECT count(*) FROM dead_letters WHERE flow = 'intercom-contacts' AND external_id = ?", a)).isEqualTo(1);
        assertThat(letter("intercom-contacts", a, "discarded")).containsEntry("id", id);

        // Changed at the source and still bad: a new open letter; the discarded one is kept as it was.
        service.sandbox().updateContact(a, Map.of("name", "Anna Changed"), service.sandbox().now() + 5);
        assertThat(service.runFlow("intercom-contacts")).containsEntry("records_dead_lettered", 2L);
        assertThat(((Number) letter("intercom-contacts", a, "open").get("id")).longValue()).isNotEqualTo(id);
        assertThat(letter("intercom-contacts", a, "discarded")).containsEntry("id", id);
    }

    @Test
    @Order(3)
    void aContactFixedAtTheSourceResolvesItsLetterWithTheRunThatStoredIt() throws Exception {
        service.sandbox().curePoison(b);
        service.sandbox().updateContact(b, Map.of("name", "Bert Fixed"), service.sandbox().now() + 10);
        Map<String, Object> run = service.runFlow("intercom-contacts");
        assertThat(service.count("SELECT count(*) FROM contacts WHERE name = 'Bert Fixed'")).isEqualTo(1);
        Map<String, Object> letter = letter("intercom-contacts", b, "resolved");
        assertThat(letter).containsEntry("resolved_run_id", run.get("id"));
        assertThat(letter.get("resolved_at")).isNotNull();
        assertThat(service.count("SELECT count(*) FROM dead_letters WHERE external_id = ? AND status = 'open'", b)).isZero();
        // Viewers see every state, with its attempts; only the admin changes one.
        JsonNode resolved = JSON.readTree(service.http("GET", "/api/dead-letters?status=resolved", TestService.VIEWER,
                TestService.VIEWER_PASSWORD, null).body());
        assertThat(resolved).hasSize(1);
        assertThat(resolved.get(0).path("attempts").asInt()).isEqualTo(4); // every run that met it refused
        assertThat(service.http("POST", "/api/dead-letters/" + letter.get("id") + "/replay", TestService.VIEWER,
                TestService.VIEWER_PASSWORD, null).statusCode()).isEqualTo(403);
        service.sandbox().curePoison(a);
    }

    @Test
    @Order(4)
    void aCompanyIntercomRefusesIsNotSentAgainUntilReplayed() throws Exception {
        assertThat(service.runFlow("intercom-companies-push")).containsEntry("outcome", "succeeded");
        Long customer = service.jdbc().queryForObject("SELECT c.id FROM customers c JOIN identity_links l ON l.local_id = c.id "
                + "AND l.system = 'intercom' AND l.object = 'customers' ORDER BY c.id LIMIT 1", Long.class);
        service.jdbc().update("UPDATE customers SET name = 'Refused Name' WHERE id = ?", customer);
        Map<String, Object> refused = runWithFault("intercom-companies-push", Faults.on("PUT", "/companies/*").status(422).times(1));
        assertThat(refused).containsEntry("records_dead_lettered", 1L);
        assertRefusedWriteIsHeldThenReplayed("intercom-companies-push", "PUT /companies/{id}");
        String company = service.jdbc().queryForObject("SELECT external_id FROM identity_links WHERE system = 'intercom' "
                + "AND object = 'customers' AND local_id = ?", String.class, customer);
        assertThat(IntercomFlowTestSupport.api(service, "GET", "/companies/" + company, null).path("name").asText()).isEqualTo("Refused Name");
    }

    @Test
    @Order(5)
    void aContactWriteIntercomRefusesIsNotSentAgainUntilReplayed() throws Exception {
        assertThat(service.runFlow("intercom-contacts-push")).containsEntry("outcome", "succeeded");
        Long contact = service.jdbc().queryForObject("SELECT c.id FROM contacts c JOIN identity_links l ON l.local_id = c.id "
                + "AND l.system = 'intercom' AND l.object = 'contacts' WHERE c.email IS NOT NULL ORDER BY c.id LIMIT 1", Long.class);
        service.jdbc().update("UPDATE contacts SET name = 'Refused Contact' WHERE id = ?", contact);
        Map<String, Object> refused = runWithFault("intercom-contacts-push", Faults.on("PUT", "/contacts/*").status(422).times(1));
        assertThat(refused).containsEntry("records_dead_lettered", 1L);
        assertRefusedWriteIsHeldThenReplayed("intercom-contacts-push", "PUT /contacts/{id}");
        String intercomId = service.jdbc().queryForObject("SELECT external_id FROM identity_links WHERE system = 'intercom' "
                + "AND object = 'contacts' AND local_id = ?", String.class, contact);
        assertThat(IntercomFlowTestSupport.api(service, "GET", "/contacts/" + intercomId, null).path("name").asText()).isEqualTo("Refused Contact");
    }

    @Test
    @Order(6)
    void aHealthscoreIntercomRefusesIsNotSentAgainUntilReplayed() throws Exception {
        service.jdbc().update("UPDATE customers SET healthscore = 50, csm_pulse = 'green'");
        assertThat(service.runFlow("healthscore-push")).containsEntry("outcome", "succeeded");
        service.jdbc().update("UPDATE customers SET healthscore = 12.5 WHERE id = (SELECT min(local_id) FROM identity_links "
                + "WHERE system = 'intercom' AND object = 'customers')");
        Map<String, Object> refused = runWithFault("healthscore-push", Faults.on("PUT", "/companies/*").status(422).times(1));
        assertThat(refused).containsEntry("records_dead_lettered", 1L);
        assertRefusedWriteIsHeldThenReplayed("healthscore-push", "PUT /companies/{id}");
    }

    @Test
    @Order(7)
    void unknownLettersAndFlowsAreNotFound() {
        assertThat(service.asAdmin("POST", "/api/dead-letters/424242/replay", null).statusCode()).isEqualTo(404);
        assertThat(service.asAdmin("POST", "/api/dead-letters/424242/discard", "{\"reason\":\"x\"}").statusCode()).isEqualTo(404);
        assertThat(service.asAdmin("POST", "/api/dead-letters/replay?flow=intercom-nothing", null).statusCode()).isEqualTo(404);
        assertThat(service.asAdmin("GET", "/api/dead-letters/424242", null).statusCode()).isEqualTo(404);
    }

    /** The next run does not send the refused write again; a replay sends it once, and the letter is replayed. */
    private static void assertRefusedWriteIsHeldThenReplayed(String flow, String call) {
        Map<String, Object> letter = letter(flow, null, "open");
        service.sandbox().resetCounters();
        Map<String, Object> next = service.runFlow(flow);
        assertThat(next).containsEntry("outcome", "succeeded").containsEntry("records_dead_lettered", 0L);
        assertThat((String) next.get("message")).contains("still-refused=1");
        assertThat(service.sandbox().counters().count(call)).isZero();
        assertThat(letter(flow, null, "open")).containsEntry("id", letter.get("id")).containsEntry("attempts", 1);

        service.sandbox().resetCounters();
        HttpResponse<String> replayed = service.asAdmin("POST", "/api/dead-letters/" + letter.get("id") + "/replay", null);
        assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(200);
        assertThat(service.sandbox().counters().count(call)).isEqualTo(1);
        assertThat(service.jdbc().queryForObject("SELECT status FROM dead_letters WHERE id = ?", String.class, letter.get("id")))
                .isEqualTo("replayed");
        service.sandbox().resetCounters();
        assertThat(service.runFlow(flow)).containsEntry("records_written", 0L);
        assertThat(service.sandbox().counters().writes()).isZero();
    }

    private static Map<String, Object> runWithFault(String flow, Faults.Rule fault) {
        service.sandbox().addFault(fault);
        try {
            return service.runFlow(flow);
        } finally {
            service.sandbox().clearFaults();
        }
    }

    private static List<Map<String, Object>> letters(String flow) {
        return service.jdbc().queryForList("SELECT * FROM dead_letters WHERE flow = ? ORDER BY id", flow);
    }

    /** The one letter of a flow in a state (of one record, when given). */
    private static Map<String, Object> letter(String flow, String externalId, String status) {
        return externalId == null
                ? service.jdbc().queryForMap("SELECT * FROM dead_letters WHERE flow = ? AND status = ?", flow, status)
                : service.jdbc().queryForMap("SELECT * FROM dead_letters WHERE flow = ? AND external_id = ? AND status = ?",
                        flow, externalId, status);
    }
}
