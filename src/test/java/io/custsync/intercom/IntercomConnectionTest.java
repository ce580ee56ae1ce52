package io.custsync.intercom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.custsync.TestService;
import io.custsync.connect.NoSandboxException;
import io.custsync.ops.NoSandboxFailureAnalyzer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Which Intercom the service talks to: a region's host, an explicit URL, or the in-process sandbox. */
class IntercomConnectionTest {

    @Test
    void regionsMapToTheirApiHosts() {
        assertThat(IntercomRegion.of("us").baseUrl()).isEqualTo("https://api.intercom.io");
        assertThat(IntercomRegion.of("EU").baseUrl()).isEqualTo("https://api.eu.intercom.io");
        assertThat(IntercomRegion.of(" au ").baseUrl()).isEqualTo("https://api.au.intercom.io");
        assertThatThrownBy(() -> IntercomRegion.of("mars"))
                .hasMessage("sync.intercom.region (INTERCOM_REGION): unknown region 'mars' (allowed: us, eu, au)");
    }

    @Test
    void withATokenTheRegionHostIsUsedAndNoSandboxStarts() {
        Map<String, Object> props = TestService.defaults(TestService.newStoreDir());
        props.put("sync.intercom.access-token", "a-real-looking-token");
        props.put("sync.intercom.region", "eu");
        try (TestService service = TestService.start(props)) {
            assertThat(service.intercom().apiUrl()).isEqualTo("https://api.eu.intercom.io");
            assertThat(service.intercom().isSandbox()).isFalse();
            assertThat(service.camel().getEndpoints()).anyMatch(e -> e.getEndpointUri().startsWith("https://api.eu.intercom.io"));
        }
    }

    @Test
    void withNeitherATokenNorTheSimulatorsStartUpStopsAndNamesTheVariables() {
        Map<String, Object> props = TestService.defaults(TestService.newStoreDir());
        // As in a build without src/sandbox (mvn -Pproduct): no launcher. Here its auto-configuration is left out instead.
        props.put("spring.autoconfigure.exclude", "io.custsync.sandbox.launch.SandboxAutoConfiguration");
        Throwable failure = catchThrowable(() -> TestService.start(props).close());
        assertThat(failure).hasRootCauseInstanceOf(NoSandboxException.class);
        FailureAnalysis report = new NoSandboxFailureAnalyzer().analyze(failure);
        assertThat(report.getDescription()).isEqualTo("No credentials for Intercom are set, and this build has no simulators"
                + " (src/sandbox) to stand in for it.");
        assertThat(report.getAction()).startsWith("Set INTERCOM_ACCESS_TOKEN (and INTERCOM_REGION or INTERCOM_BASE_URL) to connect a real Intercom");
    }

    @Test
    void anExplicitBaseUrlWinsOverTheRegion() {
        Map<String, Object> props = TestService.defaults(TestService.newStoreDir());
        props.put("sync.intercom.access-token", "a-real-looking-token");
        props.put("sync.intercom.region", "au");
        props.put("sync.intercom.base-url", "http://127.0.0.1:9/");
        try (TestService service = TestService.start(props)) {
            assertThat(service.intercom().apiUrl()).isEqualTo("http://127.0.0.1:9");
        }
    }

    @Test
    void testingAnUnreachableHostSaysDownWithTheReason() throws Exception {
        Map<String, Object> props = TestService.defaults(TestService.newStoreDir());
        props.put("sync.intercom.access-token", "a-real-looking-token");
        props.put("sync.intercom.base-url", "http://127.0.0.1:9"); // the discard port: nothing listens
        try (TestService service = TestService.start(props)) {
            var answer = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                    service.asAdmin("POST", "/api/connections/intercom/test", null).body());
            assertThat(answer.path("state").asText()).isEqualTo("DOWN");
            assertThat(answer.path("reason").asText()).contains("127.0.0.1:9").containsIgnoringCase("connection refused");
            var health = service.context().getBean(IntercomHealthIndicator.class).health();
            assertThat(health.getStatus().getCode()).isEqualTo("DOWN");
            assertThat(health.getDetails().get("reason").toString()).startsWith("GET /me: ").containsIgnoringCase("connection refused");
        }
    }

    @Test
    void anUnknownRegionStopsStartUpNamingTheSetting() {
        Map<String, Object> props = TestService.defaults(TestService.newStoreDir());
        props.put("sync.intercom.access-token", "a-real-looking-token");
        props.put("sync.intercom.region", "mars");
        assertThatThrownBy(() -> TestService.start(props)).rootCause()
                .hasMessageContaining("sync.intercom.region (INTERCOM_REGION): unknown region 'mars'");
    }

    @Test
    void theTokenNeverAppearsInTheConnectionsHealth() throws Exception {
        Map<String, Object> props = TestService.defaults(TestService.newStoreDir());
        try (TestService service = TestService.start(props)) {
            String token = service.intercomSandbox().settings().tokens.get(0);
            String health = service.context().getBean(IntercomHealthIndicator.class).health().toString();
            assertThat(health).contains("UP").doesNotContain(token);
            service.intercom().needsReauthentication("Intercom answered 401 token_revoked");
            assertThat(service.context().getBean(IntercomHealthIndicator.class).health().getStatus())
                    .isEqualTo(IntercomHealthIndicator.NEEDS_REAUTH);
        }
    }
}
