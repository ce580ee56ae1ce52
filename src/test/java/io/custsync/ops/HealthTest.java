package io.custsync.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.custsync.TestService;
import io.custsync.sandbox.common.Faults;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code /actuator/health} as an orchestrator and an operator read it, with Intercom as the CRM (README "Example:
 * Intercom as the CRM"): every part up → UP and 200 though Salesforce is NOT_CONFIGURED; Intercom unreachable →
 * DOWN and 503; a refused token → NEEDS_REAUTH and 503. Anonymous callers get the status only.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HealthTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestService service;

    @BeforeAll
    static void start() throws Exception {
        Path dir = TestService.newStoreDir();
        Files.createDirectories(dir);
        Path mappings = dir.resolve("mappings.yaml");
        Files.writeString(mappings, """
                crm: intercom
                objects:
                  customers:
                    intercom: { mode: input, fields: { customer-id: company_id, name: name, domain: website } }
                    salesforce: { mode: disabled }
                    churn-on-missing: { enabled: true, source: intercom }
                  contacts:
                    intercom: { mode: input }
                    salesforce: { mode: disabled }
                  interactions:
                    intercom: { mode: input }
                  tickets:
                    intercom: { mode: input }
                """);
        Map<String, Object> props = TestService.defaults(dir);
        props.put("sync.mappings", mappings.toString());
        props.put("sync.intercom.max-attempts", "2");
        service = TestService.start(props);
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    private static JsonNode health(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    @Test
    @Order(1)
    void withIntercomAsTheCrmEveryPartUpIsUpAnd200ThoughSalesforceIsNotConfigured() throws Exception {
        assertThat(service.runFlow("intercom-companies")).containsEntry("outcome", "succeeded");

        HttpResponse<String> anonymous = service.http("GET", "/actuator/health", null, null, null);
        assertThat(anonymous.statusCode()).isEqualTo(200);
        assertThat(health(anonymous).path("status").asText()).isEqualTo("UP");
        assertThat(health(anonymous).has("components")).as("anonymous sees the status only: %s", anonymous.body()).isFalse();

        for (String[] login : new String[][] {{TestService.ADMIN, TestService.ADMIN_PASSWORD}, {TestService.VIEWER, TestService.VIEWER_PASSWORD}}) {
            HttpResponse<String> loggedIn = service.http("GET", "/actuator/health", login[0], login[1], null);
            assertThat(loggedIn.statusCode()).as(login[0]).isEqualTo(200);
            JsonNode body = health(loggedIn);
            assertThat(body.path("status").asText()).isEqualTo("UP");
            assertThat(body.at("/components/salesforce/status").asText()).isEqualTo("UNKNOWN");
            assertThat(body.at("/components/salesforce/details/state").asText()).isEqualTo("NOT_CONFIGURED");
            assertThat(body.at("/components/intercom/status").asText()).isEqualTo("UP");
            assertThat(body.at("/components/db/status").asText()).isEqualTo("UP");
        }
        // The component itself still says it is not configured (200: it is not a failure).
        HttpResponse<String> salesforce = service.http("GET", "/actuator/health/salesforce", TestService.ADMIN, TestService.ADMIN_PASSWORD, null);
        assertThat(salesforce.statusCode()).isEqualTo(200);
        assertThat(health(salesforce).path("status").asText()).isEqualTo("UNKNOWN");
    }

    @Test
    @Order(2)
    void withIntercomUnreachableHealthIsDownWith503AndBackUpOnceItAnswers() throws Exception {
        service.sandbox().addFault(Faults.on("GET", "/companies/scroll").status(503).times(100));
        assertThat(service.runFlow("intercom-companies")).containsEntry("outcome", "failed");

        HttpResponse<String> anonymous = service.http("GET", "/actuator/health", null, null, null);
        assertThat(anonymous.statusCode()).isEqualTo(503);
        assertThat(health(anonymous).path("status").asText()).isEqualTo("DOWN");
        assertThat(health(anonymous).has("components")).isFalse();
        assertThat(anonymous.body()).doesNotContain("companies/scroll");

        HttpResponse<String> admin = service.http("GET", "/actuator/health", TestService.ADMIN, TestService.ADMIN_PASSWORD, null);
        assertThat(admin.statusCode()).isEqualTo(503);
        assertThat(health(admin).path("status").asText()).isEqualTo("DOWN");
        assertThat(health(admin).at("/components/intercom/status").asText()).isEqualTo("DOWN");
        assertThat(health(admin).at("/components/intercom/details/reason").asText()).contains("/companies/scroll").contains("503");
        HttpResponse<String> viewer = service.http("GET", "/actuator/health/intercom", TestService.VIEWER, TestService.VIEWER_PASSWORD, null);
        assertThat(viewer.statusCode()).isEqualTo(503);

        service.sandbox().clearFaults();
        assertThat(service.runFlow("intercom-companies")).containsEntry("outcome", "succeeded");
        assertThat(service.http("GET", "/actuator/health", null, null, null).statusCode()).isEqualTo(200);
    }

    @Test
    @Order(3)
    void aRefusedTokenIsNeedsReauthWith503() throws Exception {
        String token = service.intercomSandbox().settings().tokens.get(0);
        service.sandbox().revokeToken(token);
        assertThat(service.runFlow("intercom-companies")).containsEntry("outcome", "failed");

        HttpResponse<String> anonymous = service.http("GET", "/actuator/health", null, null, null);
        assertThat(anonymous.statusCode()).isEqualTo(503);
        assertThat(health(anonymous).path("status").asText()).isEqualTo("NEEDS_REAUTH");
        assertThat(health(anonymous).has("components")).isFalse();
        HttpResponse<String> admin = service.http("GET", "/actuator/health", TestService.ADMIN, TestService.ADMIN_PASSWORD, null);
        assertThat(admin.statusCode()).isEqualTo(503);
        assertThat(health(admin).at("/components/intercom/status").asText()).isEqualTo("NEEDS_REAUTH");
        assertThat(health(admin).at("/components/intercom/details/reason").asText()).contains("token_revoked");
    }
}
