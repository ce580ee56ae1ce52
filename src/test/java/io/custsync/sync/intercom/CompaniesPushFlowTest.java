package io.custsync.sync.intercom;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.custsync.TestService;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * routes/intercom-companies-push.camel.yaml per behaviour, customers in two-way mode: 40 companies read from the
 * sandbox, one renamed locally, one in Intercom but never read ("cmp-ext", found by company_id), one only local.
 */
class CompaniesPushFlowTest {

    private static final String FLOW = "intercom-companies-push";

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"update-or-create", "update-only", "delete"})
    void behaviour(String behaviour) throws Exception {
        String mappings = """
                crm: intercom
                objects:
                  customers:
                    intercom: { mode: two-way, behaviour: %s }
                """.formatted(behaviour);
        Map<String, Object> props = IntercomFlowTestSupport.props(TestService.newStoreDir(), mappings);
        if (behaviour.equals("delete")) {
            // Delete pushes only what the team's own selection names, never the whole table by accident.
            props.put("sync.push.companies.source-query", "SELECT id, customer_id, name, domain, stage, profile FROM customers "
                    + "WHERE id > :after AND name LIKE 'Delete me%' ORDER BY id LIMIT :limit");
        }
        try (TestService service = TestService.start(props)) {
            assertThat(service.runFlow("intercom-companies")).containsEntry("outcome", "succeeded");
            Map<String, Object> renamed = service.jdbc().queryForMap("""
                    SELECT c.id, c.customer_id, l.external_id FROM customers c JOIN identity_links l ON l.system = 'intercom'
                    AND l.object = 'customers' AND l.local_id = c.id ORDER BY c.id LIMIT 1""");
            String prefix = behaviour.equals("delete") ? "Delete me " : "";
            service.jdbc().update("UPDATE customers SET name = ? WHERE id = ?", prefix + "Renamed", renamed.get("id"));
            String ext = service.sandbox().upsertCompany(Map.of("company_id", "cmp-ext", "name", "External"), null);
            service.jdbc().update("INSERT INTO customers (customer_id, name, domain) VALUES ('cmp-ext', ?, 'ext.example'), "
                    + "('local-new', ?, 'new.example')", prefix + "External renamed", prefix + "New Co");

            if (behaviour.equals("update-or-create")) {
                // A dry run first: the same plan, counted, nothing sent, nothing stored.
                String before = HealthscorePushFlowTest.snapshot(service);
                service.sandbox().resetCounters();
                Map<String, Object> dry = service.context().getBean(io.custsync.ops.DryRuns.class).run(FLOW, java.time.Duration.ofMinutes(2));
                assertThat(dry).containsEntry("outcome", "succeeded");
                assertThat(dry.get("counts").toString()).isEqualTo("{\"update\":41,\"create\":1}");
                assertThat(service.sandbox().counters().writes()).isZero();
                assertThat(HealthscorePushFlowTest.snapshot(service)).isEqualTo(before);
            }
            service.sandbox().resetCounters();
            Map<String, Object> run = service.runFlow(FLOW);
            assertThat(run).containsEntry("outcome", "succeeded").containsEntry("records_dead_lettered", 0L);
            String message = (String) run.get("message");
            String renamedCompany = (String) renamed.get("external_id");
            switch (behaviour) {
                case "update-or-create" -> {
                    // The first push cannot know what Intercom holds: every linked company gets its mapped fields once.
                    assertThat(run).containsEntry("records_read", 42L).containsEntry("records_written", 42L);
                    assertThat(message).contains("update=41").contains("create=1");
                    assertThat(company(service, renamedCompany).path("name").asText()).isEqualTo("Renamed");
                    assertThat(company(service, ext).path("name").asText()).isEqualTo("External renamed");
                    JsonNode created = IntercomFlowTestSupport.api(service, "GET", "/companies?company_id=local-new", null).path("data").get(0);
                    assertThat(created.path("name").asText()).isEqualTo("New Co");
                    assertThat(created.path("website").asText()).isEqualTo("new.example");
                    assertThat(service.count("SELECT count(*) FROM identity_links l JOIN customers c ON c.id = l.local_id "
                            + "WHERE l.system = 'intercom' AND l.object = 'customers' AND c.customer_id IN ('cmp-ext', 'local-new')")).isEqualTo(2);
                    assertThat(service.sandbox().counters().count("POST /companies")).isEqualTo(1);

                    service.jdbc().update("UPDATE customers SET name = 'Renamed again' WHERE id = ?", renamed.get("id"));
                    service.sandbox().resetCounters();
                    Map<String, Object> second = service.runFlow(FLOW);
                    assertThat(second).containsEntry("records_written", 1L);
                    assertThat((String) second.get("message")).contains("update=1").contains("unchanged=41");
                    assertThat(service.sandbox().counters().writes()).isEqualTo(1);
                    assertThat(company(service, renamedCompany).path("name").asText()).isEqualTo("Renamed again");
                }
                case "update-only" -> {
                    assertThat(message).contains("update=41").contains("not-found=1").doesNotContain("create");
                    assertThat(company(service, ext).path("name").asText()).isEqualTo("External renamed");
                    assertThat(ContactsPushFlowTest.status(service, "GET", "/companies?company_id=local-new")).isEqualTo(404);
                    assertThat(service.sandbox().counters().count("POST /companies")).isZero();
                }
                case "delete" -> {
                    assertThat(run).containsEntry("records_read", 3L).containsEntry("records_written", 2L);
                    assertThat(message).contains("delete=2").contains("not-found=1");
                    assertThat(ContactsPushFlowTest.status(service, "GET", "/companies/" + renamedCompany)).isEqualTo(404);
                    assertThat(ContactsPushFlowTest.status(service, "GET", "/companies/" + ext)).isEqualTo(404);
                    assertThat(service.count("SELECT count(*) FROM identity_links WHERE system = 'intercom' AND object = 'customers' "
                            + "AND external_id IN (?, ?)", renamedCompany, ext)).isZero();
                    // The customers themselves stay: we never delete customers from the store.
                    assertThat(service.count("SELECT count(*) FROM customers WHERE name LIKE 'Delete me%'")).isEqualTo(3);
                    assertThat(service.sandbox().counters().count("DELETE /companies/{id}")).isEqualTo(2);
                }
                default -> throw new IllegalArgumentException(behaviour);
            }
            if (!behaviour.equals("update-or-create")) {
                service.sandbox().resetCounters();
                assertThat(service.runFlow(FLOW)).containsEntry("records_written", 0L);
                assertThat(service.sandbox().counters().writes()).isZero();
            }
        }
    }

    private static JsonNode company(TestService service, String id) throws Exception {
        return IntercomFlowTestSupport.api(service, "GET", "/companies/" + id, null);
    }

    @Test
    void customAttributesTheMappingWritesAreCreatedWhenMissingThenFilled() throws Exception {
        String mappings = """
                crm: intercom
                objects:
                  customers:
                    intercom: { mode: output, fields: { stage: cs_stage, profile: custom_attributes.cs_profile } }
                """;
        try (TestService service = TestService.start(IntercomFlowTestSupport.props(TestService.newStoreDir(), mappings))) {
            JsonNode before = IntercomFlowTestSupport.api(service, "GET", "/data_attributes?model=company", null);
            assertThat(before.path("data").findValuesAsText("name")).doesNotContain("cs_stage", "cs_profile");
            service.jdbc().update("INSERT INTO customers (customer_id, name, domain, stage, profile) "
                    + "VALUES ('attr-1', 'Attribute Co', 'attr.example', 'Expansion', 'Enterprise')");

            assertThat(service.runFlow("intercom-companies-push")).containsEntry("outcome", "succeeded").containsEntry("records_written", 1L);
            JsonNode attributes = IntercomFlowTestSupport.api(service, "GET", "/data_attributes?model=company", null);
            for (String name : new String[] {"cs_stage", "cs_profile"}) {
                JsonNode created = null;
                for (JsonNode a : attributes.path("data")) {
                    if (name.equals(a.path("name").asText())) {
                        created = a;
                    }
                }
                assertThat(created).as(name).isNotNull();
                assertThat(created.path("data_type").asText()).isEqualTo("string");
            }
            JsonNode company = IntercomFlowTestSupport.api(service, "GET", "/companies?company_id=attr-1", null).path("data").path(0);
            assertThat(company.path("custom_attributes").path("cs_stage").asText()).isEqualTo("Expansion");
            assertThat(company.path("custom_attributes").path("cs_profile").asText()).isEqualTo("Enterprise");

            // Once they exist, a run only lists them (nothing to create, nothing changed to write).
            Map<String, Object> again = service.runFlow("intercom-companies-push");
            assertThat(again).containsEntry("outcome", "succeeded").containsEntry("records_written", 0L);
        }
    }
}
