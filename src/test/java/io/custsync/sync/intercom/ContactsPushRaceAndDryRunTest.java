package io.custsync.sync.intercom;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.custsync.TestService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** Contacts push (update-or-create on email): a dry run over REST, the search-then-create race (409), role tags removed. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContactsPushRaceAndDryRunTest {

    private static final String FLOW = "intercom-contacts-push";
    private static TestService service;

    @BeforeAll
    static void start() throws Exception {
        String mappings = """
                crm: intercom
                objects:
                  customers:
                    intercom: { mode: input }
                  contacts:
                    intercom: { mode: output, behaviour: update-or-create, match-key: email }
                """;
        service = TestService.start(IntercomFlowTestSupport.props(TestService.newStoreDir(), mappings));
        assertThat(service.runFlow("intercom-companies")).containsEntry("outcome", "succeeded");
        service.jdbc().update("INSERT INTO contacts (contact_id, email, name) VALUES ('local-r', 'race@example.com', 'Race Local'), "
                + "('local-n', NULL, 'No Email'), ('local-t', 'tagged@example.com', 'Tagged')");
        service.jdbc().update("INSERT INTO contact_role_tags (contact_id, role, source) SELECT id, r, 'local' FROM contacts, "
                + "unnest(ARRAY['champion', 'sponsor']) r WHERE contact_id = 'local-t'");
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    @Order(1)
    void aDryRunOverRestReportsWhatWouldHappenAndChangesNothing() throws Exception {
        String before = snapshot();
        service.sandbox().resetCounters();
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(service.url("/api/sync/" + FLOW + "/dry-run")))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (TestService.ADMIN + ":" + TestService.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("X-Requested-With", "XMLHttpRequest") // the same-origin proof a state change needs
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode report = new ObjectMapper().readTree(response.body());
        assertThat(report.path("outcome").asText()).isEqualTo("succeeded");
        assertThat(report.path("counts").path("create").asLong()).isEqualTo(2);
        assertThat(report.path("counts").path("invalid").asLong()).isEqualTo(1);
        assertThat(report.path("counts").size()).isEqualTo(2);
        assertThat(report.path("samples").path("create").toString()).contains("race@example.com").contains("tagged@example.com");
        assertThat(service.sandbox().counters().writes()).isZero();
        assertThat(snapshot()).isEqualTo(before);
        assertThat(ContactsPushFlowTest.findByEmail(service, "tagged@example.com")).isNull();

        // Only output flows have a dry run.
        HttpResponse<String> refused = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(service.url("/api/sync/intercom-companies/dry-run")))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (TestService.ADMIN + ":" + TestService.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("X-Requested-With", "XMLHttpRequest") // the same-origin proof a state change needs
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(409);
    }

    @Test
    @Order(2)
    void aCreateThatRacesAnotherBecomesAnUpdateOfTheContactIntercomNames() throws Exception {
        // Intercom's search lags behind: the contact created meanwhile is not found, so the push creates, gets 409.
        service.sandbox().setSearchLag(3600);
        String remote = IntercomFlowTestSupport.api(service, "POST", "/contacts",
                "{\"role\":\"user\",\"email\":\"race@example.com\",\"name\":\"Race Remote\"}").path("id").asText();
        service.sandbox().resetCounters();
        Map<String, Object> run = service.runFlow(FLOW);
        service.sandbox().setSearchLag(0);
        assertThat(run).containsEntry("outcome", "succeeded").containsEntry("records_dead_lettered", 0L)
                .containsEntry("records_written", 2L);
        assertThat((String) run.get("message")).contains("update=1").contains("create=1").contains("invalid=1");
        assertThat(service.sandbox().counters().count("POST /contacts")).isEqualTo(2);
        assertThat(service.sandbox().counters().count("PUT /contacts/{id}")).isEqualTo(1);
        assertThat(IntercomFlowTestSupport.api(service, "GET", "/contacts/" + remote, null).path("name").asText()).isEqualTo("Race Local");
        assertThat(service.jdbc().queryForObject("SELECT l.external_id FROM identity_links l JOIN contacts c ON c.id = l.local_id "
                + "WHERE l.system = 'intercom' AND l.object = 'contacts' AND c.contact_id = 'local-r'", String.class)).isEqualTo(remote);
        // Created while the search lagged: found through its link, as the push knows it.
        assertThat(ContactsPushFlowTest.topLevel(IntercomFlowTestSupport.api(service, "GET", "/contacts/" + linked("local-t") + "/tags", null), "name"))
                .containsExactlyInAnyOrder("Champion", "Sponsor");
    }

    @Test
    @Order(3)
    void aRoleTakenAwayLocallyIsUntaggedInIntercom() throws Exception {
        service.jdbc().update("DELETE FROM contact_role_tags WHERE role = 'sponsor'");
        service.sandbox().resetCounters();
        Map<String, Object> run = service.runFlow(FLOW);
        assertThat((String) run.get("message")).contains("update=1").contains("unchanged=1");
        assertThat(service.sandbox().counters().count("DELETE /contacts/{id}/tags/{tag_id}")).isEqualTo(1);
        assertThat(service.sandbox().counters().writes()).isEqualTo(1);
        // Created while the search lagged: found through its link, as the push knows it.
        assertThat(ContactsPushFlowTest.topLevel(IntercomFlowTestSupport.api(service, "GET", "/contacts/" + linked("local-t") + "/tags", null), "name"))
                .containsExactly("Champion");
    }

    @Test
    @Order(4)
    void theConsoleReachesTheDryRunAsAJmxOperation() throws Exception {
        javax.management.MBeanServer jmx = java.lang.management.ManagementFactory.getPlatformMBeanServer();
        javax.management.ObjectName name = new javax.management.ObjectName("io.custsync:name=DryRuns");
        String before = snapshot();
        String result = (String) jmx.invoke(name, "dryRun", new Object[] {FLOW}, new String[] {String.class.getName()});
        JsonNode report = new ObjectMapper().readTree(result);
        assertThat(report.path("outcome").asText()).isEqualTo("succeeded");
        assertThat(report.path("counts").path("unchanged").asLong()).isEqualTo(2);
        assertThat(report.path("counts").path("invalid").asLong()).isEqualTo(1);
        assertThat(snapshot()).isEqualTo(before);
    }

    private static String linked(String contactId) {
        return service.jdbc().queryForObject("SELECT l.external_id FROM identity_links l JOIN contacts c ON c.id = l.local_id "
                + "WHERE l.system = 'intercom' AND l.object = 'contacts' AND c.contact_id = ?", String.class, contactId);
    }

    private static String snapshot() {
        StringBuilder out = new StringBuilder();
        for (String table : List.of("customers", "contacts", "contact_role_tags", "identity_links", "push_ledger", "dead_letters")) {
            out.append(table).append(service.jdbc().queryForList("SELECT * FROM " + table + " ORDER BY 1, 2, 3")).append('\n');
        }
        return out.toString();
    }
}
