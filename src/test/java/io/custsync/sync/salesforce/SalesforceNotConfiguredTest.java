package io.custsync.sync.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import io.custsync.TestService;
import io.custsync.salesforce.SalesforceConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.Test;

/** Intercom as the CRM: no Salesforce credentials, no sandbox, no login, Salesforce routes stopped. */
class SalesforceNotConfiguredTest {

    @Test
    void withIntercomAsTheCrmNothingOfSalesforceStartsOrLogsIn() throws Exception {
        String mappings = """
                crm: intercom
                objects:
                  customers:
                    intercom: { mode: input }
                  contacts:
                    intercom: { mode: input }
                """;
        try (TestService service = TestService.start(SalesforceFlowTestSupport.props(TestService.newStoreDir(), mappings))) {
            SalesforceConnection connection = SalesforceFlowTestSupport.connection(service);
            assertThat(connection.kind()).isEqualTo(SalesforceConnection.Kind.NOT_CONFIGURED);
            assertThat(connection.sandbox()).isNull();
            for (String flow : new String[] {"salesforce-accounts", "salesforce-contacts"}) {
                assertThat(service.camel().getRouteController().getRouteStatus(flow)).as(flow).isEqualTo(ServiceStatus.Stopped);
            }
            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(service.url("/actuator/health/salesforce")))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            (TestService.ADMIN + ":" + TestService.ADMIN_PASSWORD).getBytes())).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.body()).contains("\"status\":\"UNKNOWN\"").contains("NOT_CONFIGURED").contains("not configured");
            assertThat(service.count("SELECT count(*) FROM sync_runs WHERE flow LIKE 'salesforce-%'")).isZero();
        }
    }
}
