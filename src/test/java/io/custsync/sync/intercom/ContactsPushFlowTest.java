package io.custsync.sync.intercom;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.custsync.TestService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * routes/intercom-contacts-push.camel.yaml, each behaviour × each match key, against the sandbox: contact A is in
 * Intercom already (found by its email, its external_id or its Intercom id), contact B is not (a Champion of a customer).
 */
class ContactsPushFlowTest {

    private static final String FLOW = "intercom-contacts-push";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @ParameterizedTest(name = "{0} matched on {1}")
    @CsvSource({
            "update-or-create, email", "update-or-create, external_id", "update-or-create, id",
            "update-only, email", "update-only, external_id", "update-only, id",
            "archive, email", "archive, external_id", "archive, id",
            "permanent-delete, email", "permanent-delete, external_id", "permanent-delete, id"})
    void behaviourAndMatchKey(String behaviour, String matchKey) throws Exception {
        String setting = switch (behaviour) {
            case "archive" -> "behaviour: delete";
            case "permanent-delete" -> "behaviour: delete, permanent-delete: true";
            default -> "behaviour: " + behaviour;
        };
        String mappings = """
                crm: intercom
                objects:
                  customers:
                    intercom: { mode: input }
                  contacts:
                    intercom: { mode: output, %s, match-key: %s }
                """.formatted(setting, matchKey);
        try (TestService service = TestService.start(IntercomFlowTestSupport.props(TestService.newStoreDir(), mappings))) {
            assertThat(service.runFlow("intercom-companies")).containsEntry("outcome", "succeeded");
            String a = service.sandbox().contactId(0);
            JsonNode before = IntercomFlowTestSupport.api(service, "GET", "/contacts/" + a, null);
            String aKey = switch (matchKey) {
                case "email" -> "local-a";
                case "external_id" -> before.path("external_id").asText();
                default -> a;
            };
            service.jdbc().update("INSERT INTO contacts (contact_id, email, name) VALUES (?, ?, 'Pushed A')", aKey,
                    before.path("email").asText());
            Map<String, Object> customer = service.jdbc().queryForMap("""
                    SELECT c.id, l.external_id FROM customers c JOIN identity_links l ON l.system = 'intercom'
                    AND l.object = 'customers' AND l.local_id = c.id ORDER BY c.id LIMIT 1""");
            long b = service.jdbc().queryForObject("INSERT INTO contacts (contact_id, email, name, customer_id) "
                    + "VALUES ('local-b', 'new-b@example.com', 'New B', ?) RETURNING id", Long.class, customer.get("id"));
            service.jdbc().update("INSERT INTO contact_role_tags (contact_id, role, source) VALUES (?, 'champion', 'local')", b);

            service.sandbox().resetCounters();
            Map<String, Object> run = service.runFlow(FLOW);
            assertThat(run).containsEntry("outcome", "succeeded").containsEntry("records_read", 2L)
                    .containsEntry("records_dead_lettered", 0L);
            String message = (String) run.get("message");
            JsonNode b1 = findByEmail(service, "new-b@example.com");
            switch (behaviour) {
                case "update-or-create" -> {
                    assertThat(message).contains("update=1").contains("create=1");
                    assertThat(run).containsEntry("records_written", 2L);
                    assertThat(IntercomFlowTestSupport.api(service, "GET", "/contacts/" + a, null).path("name").asText()).isEqualTo("Pushed A");
                    assertThat(b1).isNotNull();
                    assertThat(b1.path("name").asText()).isEqualTo("New B");
                    String bId = b1.path("id").asText();
                    assertThat(topLevel(IntercomFlowTestSupport.api(service, "GET", "/contacts/" + bId + "/companies", null), "id"))
                            .containsExactly((String) customer.get("external_id"));
                    assertThat(topLevel(IntercomFlowTestSupport.api(service, "GET", "/contacts/" + bId + "/tags", null), "name"))
                            .containsExactly("Champion");
                    if (matchKey.equals("external_id")) {
                        assertThat(b1.path("external_id").asText()).isEqualTo("local-b");
                    }
                    assertThat(service.count("SELECT count(*) FROM identity_links WHERE system = 'intercom' AND object = 'contacts'"))
                            .isEqualTo(2);
                    assertThat(service.sandbox().counters().count("POST /contacts")).isEqualTo(1);
                    assertThat(service.sandbox().counters().count("POST /contacts/{id}/companies")).isEqualTo(1);
                    assertThat(service.sandbox().counters().count("POST /contacts/{id}/tags")).isEqualTo(1);
                }
                case "update-only" -> {
                    assertThat(message).contains("update=1").contains("not-found=1").doesNotContain("create");
                    assertThat(IntercomFlowTestSupport.api(service, "GET", "/contacts/" + a, null).path("name").asText()).isEqualTo("Pushed A");
                    assertThat(b1).isNull();
                    assertThat(service.sandbox().counters().count("POST /contacts")).isZero();
                }
                case "archive" -> {
                    assertThat(message).contains("archive=1").contains("not-found=1");
                    assertThat(status(service, "GET", "/contacts/" + a)).isEqualTo(404);
                    assertThat(b1).isNull();
                    // Archived, not deleted: it can be brought back.
                    assertThat(status(service, "POST", "/contacts/" + a + "/unarchive")).isEqualTo(200);
                    assertThat(status(service, "POST", "/contacts/" + a + "/archive")).isEqualTo(200);
                }
                case "permanent-delete" -> {
                    assertThat(message).contains("delete=1").contains("not-found=1");
                    assertThat(status(service, "GET", "/contacts/" + a)).isEqualTo(404);
                    assertThat(status(service, "POST", "/contacts/" + a + "/unarchive")).isEqualTo(404);
                    assertThat(b1).isNull();
                }
                default -> throw new IllegalArgumentException(behaviour);
            }
            assertThat(service.sandbox().counters().count("PUT /contacts/{id}"))
                    .isEqualTo(behaviour.startsWith("update") ? 1 : 0);

            // A second run finds everything as it left it and writes nothing.
            service.sandbox().resetCounters();
            Map<String, Object> again = service.runFlow(FLOW);
            assertThat(again).containsEntry("outcome", "succeeded").containsEntry("records_written", 0L);
            assertThat(service.sandbox().counters().writes()).isZero();
        }
    }

    /** The field of each item of a list answer (not of the items' nested objects). */
    static java.util.List<String> topLevel(JsonNode list, String field) {
        java.util.List<String> out = new java.util.ArrayList<>();
        list.path("data").forEach(item -> out.add(item.path(field).asText()));
        return out;
    }

    static JsonNode findByEmail(TestService service, String email) throws Exception {
        JsonNode page = IntercomFlowTestSupport.api(service, "POST", "/contacts/search",
                "{\"query\":{\"field\":\"email\",\"operator\":\"=\",\"value\":\"" + email + "\"}}");
        assertThat(page.path("data").size()).isLessThanOrEqualTo(1);
        return page.path("data").isEmpty() ? null : page.path("data").get(0);
    }

    static int status(TestService service, String method, String path) throws Exception {
        service.sandbox().addToken("test-reader");
        HttpRequest request = HttpRequest.newBuilder(URI.create(service.intercom().apiUrl() + path))
                .header("Authorization", "Bearer test-reader").header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .method(method, method.equals("POST") ? HttpRequest.BodyPublishers.ofString("{}") : HttpRequest.BodyPublishers.noBody())
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }
}
