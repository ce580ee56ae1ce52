package io.custsync.sync.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.custsync.TestService;
import io.custsync.connect.NoSandboxException;
import io.custsync.salesforce.SalesforceConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.Map;
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
            assertThat(connection.sandbox(Object.class)).isNull();
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

    @Test
    void aSalesforceModeWithNeitherCredentialsNorTheSimulatorsStopsStartUpNamingTheVariables() throws Exception {
        Map<String, Object> props = SalesforceFlowTestSupport.props(TestService.newStoreDir(),
                SalesforceFlowTestSupport.mappings("input", "disabled", "fields: { stage: disabled }"));
        props.put("sync.intercom.access-token", "a-real-looking-token");
        // As in a build without src/sandbox (mvn -Pproduct): no launcher. Here its auto-configuration is left out instead.
        props.put("spring.autoconfigure.exclude", "io.custsync.sandbox.launch.SandboxAutoConfiguration");
        Throwable failure = catchThrowable(() -> TestService.start(props).close());
        assertThat(failure).hasRootCauseInstanceOf(NoSandboxException.class);
        assertThat(failure).rootCause().hasMessageContaining("Salesforce").hasMessageContaining("SALESFORCE_CLIENT_ID")
                .hasMessageContaining("SALESFORCE_REFRESH_TOKEN").hasMessageContaining("or disable the Salesforce modes in");
    }

    @Test
    void aDisabledObjectsRoutesStayStoppedWhileTheOtherObjectSyncs() throws Exception {
        String mappings = SalesforceFlowTestSupport.mappings("input", "disabled", "fields: { stage: disabled }");
        try (TestService service = TestService.start(SalesforceFlowTestSupport.props(TestService.newStoreDir(), mappings))) {
            assertThat(SalesforceFlowTestSupport.connection(service).kind()).isEqualTo(SalesforceConnection.Kind.SANDBOX);
            assertThat(service.camel().getRouteController().getRouteStatus("salesforce-accounts")).isEqualTo(ServiceStatus.Started);
            for (String flow : new String[] {"salesforce-contacts", "salesforce-contacts-push", "salesforce-accounts-push"}) {
                assertThat(service.camel().getRouteController().getRouteStatus(flow)).as(flow).isEqualTo(ServiceStatus.Stopped);
            }
            assertThat(service.runFlow("salesforce-accounts")).containsEntry("outcome", "succeeded")
                    .containsEntry("records_written", (long) SalesforceFlowTestSupport.ACCOUNTS);
            // Contacts are disabled: never queried; stage is disabled: never stored.
            assertThat(SalesforceFlowTestSupport.sandbox(service).counters().apiCalls("GET queryAll")).isEqualTo(1);
            assertThat(service.count("SELECT count(*) FROM contacts")).isZero();
            assertThat(service.count("SELECT count(*) FROM customers WHERE stage IS NOT NULL")).isZero();
            assertThat(service.count("SELECT count(*) FROM customers WHERE profile IS NOT NULL")).isZero();
        }
    }
}
