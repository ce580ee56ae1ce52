package io.custsync.sync.intercom;

import static org.assertj.core.api.Assertions.assertThat;

import io.custsync.TestService;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** An existing Intercom attribute of the wrong type is a configuration error: the run fails at once, nothing is written. */
class HealthscoreAttributeTypeTest {

    private static TestService service;

    @BeforeAll
    static void start() throws Exception {
        // The sandbox's company attribute 'segment' is a string: no place for a score.
        String mappings = IntercomFlowTestSupport.INTERCOM_AS_CRM + """
                  healthscore:
                    intercom: { mode: output, attributes: { healthscore: segment } }
                """;
        service = TestService.start(IntercomFlowTestSupport.props(TestService.newStoreDir(), mappings));
        assertThat(service.runFlow("intercom-companies")).containsEntry("outcome", "succeeded");
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void aWrongTypedAttributeFailsTheRunAsAConfigurationErrorWithoutRetryingOrWriting() throws Exception {
        service.sandbox().resetCounters();
        for (int run = 0; run < 2; run++) {
            Map<String, Object> failed = service.runFlow("healthscore-push");
            assertThat(failed).containsEntry("outcome", "failed").containsEntry("api_calls", 1L);
            assertThat((String) failed.get("message")).contains("configuration error").contains("'segment'")
                    .contains("type string").contains("float");
        }
        assertThat(service.sandbox().counters().writes()).isZero();
        assertThat(service.sandbox().counters().count("GET /data_attributes")).isEqualTo(2);
        // Health shows it to whoever looks at the service, until a run succeeds.
        java.net.http.HttpResponse<String> health = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                .newBuilder(java.net.URI.create(service.url("/actuator/health"))).header("Authorization", "Basic "
                        + java.util.Base64.getEncoder().encodeToString((TestService.ADMIN + ":" + TestService.ADMIN_PASSWORD).getBytes()))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        com.fasterxml.jackson.databind.JsonNode push = new com.fasterxml.jackson.databind.ObjectMapper().readTree(health.body())
                .path("components").path("intercomPush");
        assertThat(push.path("status").asText()).isEqualTo("UP");
        assertThat(push.path("details").path("configurationErrors").path("healthscore-push").asText())
                .contains("configuration error").contains("'segment'");
    }
}
