package io.custsync.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.custsync.TestService;
import io.custsync.ops.FlowPlanFailureAnalyzer;
import io.custsync.ops.RouteFileFailureAnalyzer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Routes are read from files at start-up; a bad file stops start-up, a disabled mode leaves its flow stopped. */
class RouteFilesTest {

    private static String flowRoute(String flowId) {
        return """
                # test flow
                - route:
                    id: %1$s
                    description: stand-in for the %1$s flow
                    autoStartup: "{{sync.flows.%1$s.enabled}}"
                    from:
                      uri: timer:%1$s?delay=86400000
                      steps:
                        - log: "never fires"
                """.formatted(flowId);
    }

    private static Map<String, Object> withRoutes(Path dir, Map<String, String> files) throws Exception {
        Path routes = dir.resolve("routes");
        Files.createDirectories(routes);
        for (Map.Entry<String, String> file : files.entrySet()) {
            Files.writeString(routes.resolve(file.getKey()), file.getValue());
        }
        Map<String, Object> props = TestService.defaults(dir);
        props.put("camel.main.routes-include-pattern", "file:" + routes + "/*.camel.yaml");
        return props;
    }

    /** Start-up must fail; returns the description Spring Boot prints under "APPLICATION FAILED TO START". */
    private static String startUpReport(Map<String, Object> props) {
        Throwable failure = catchThrowable(() -> TestService.start(props));
        assertThat(failure).isNotNull();
        FailureAnalysis analysis = new RouteFileFailureAnalyzer().analyze(failure);
        assertThat(analysis).as("a route-file failure report for %s", failure).isNotNull();
        return analysis.getDescription();
    }

    @Test
    void aFlowDisabledByItsModeIsLoadedButNotStartedAndShowsAsStopped() throws Exception {
        Path dir = TestService.newStoreDir();
        Map<String, Object> props = withRoutes(dir, Map.of(
                "intercom-tickets.camel.yaml", flowRoute("intercom-tickets"),
                "intercom-contacts.camel.yaml", flowRoute("intercom-contacts")));
        Path mappings = dir.resolve("mappings.yaml");
        Files.writeString(mappings, """
                objects:
                  contacts: { intercom: { mode: input } }
                  tickets: { intercom: { mode: disabled } }
                """);
        props.put("sync.mappings", mappings.toString());
        try (TestService service = TestService.start(props)) {
            assertThat(service.camel().getRouteController().getRouteStatus("intercom-tickets")).isEqualTo(ServiceStatus.Stopped);
            assertThat(service.camel().getRouteController().getRouteStatus("intercom-contacts")).isEqualTo(ServiceStatus.Started);

            String auth = Base64.getEncoder().encodeToString((TestService.ADMIN + ":" + TestService.ADMIN_PASSWORD)
                    .getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> routes = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(service.url("/actuator/camelroutes/intercom-tickets/info")))
                    .header("Authorization", "Basic " + auth).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(routes.statusCode()).isEqualTo(200);
            assertThat(routes.body()).contains("\"status\":\"Stopped\"");
        }
    }

    @Test
    void withReloadSwitchedOnAnEditedRouteFileTakesEffectWithoutARestart() throws Exception {
        Path dir = TestService.newStoreDir();
        Map<String, Object> props = withRoutes(dir, Map.of("intercom-contacts.camel.yaml", flowRoute("intercom-contacts")));
        props.put("camel.main.routes-reload-enabled", "true");
        props.put("camel.main.routes-reload-directory", dir.resolve("routes").toString());
        try (TestService service = TestService.start(props)) {
            assertThat(service.camel().getRoute("intercom-contacts").getDescription()).isEqualTo("stand-in for the intercom-contacts flow");
            Files.writeString(dir.resolve("routes/intercom-contacts.camel.yaml"),
                    flowRoute("intercom-contacts").replace("stand-in for", "edited"));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(service.camel().getRoute("intercom-contacts").getDescription()).isEqualTo("edited the intercom-contacts flow"));
        }
    }

    @Test
    void anUnknownStepStopsStartUpNamingTheFileAndLine() throws Exception {
        Path dir = TestService.newStoreDir();
        Map<String, Object> props = withRoutes(dir, Map.of("broken.camel.yaml", """
                - route:
                    id: broken
                    from:
                      uri: timer:x
                      steps:
                        - setBody:
                            constantly: "hello"
                """));
        assertThat(startUpReport(props))
                .contains("broken.camel.yaml")
                .contains("line 7, column")
                .contains("constantly");
        assertThat(dir.resolve("postgres")).exists(); // the store started; only the routes were refused
    }

    @Test
    void invalidYamlStopsStartUpNamingTheFileAndLine() throws Exception {
        Path dir = TestService.newStoreDir();
        Map<String, Object> props = withRoutes(dir, Map.of("bad-indent.camel.yaml", """
                - route:
                    id: bad-indent
                    from:
                      uri: timer:x
                     steps:
                        - log: "x"
                """));
        assertThat(startUpReport(props))
                .contains("bad-indent.camel.yaml")
                .contains("line 5, column");
    }

    @Test
    void aFlowDeclaredAgainstTheRegistryStopsStartUpNamingTheFileRouteAndParameter() throws Exception {
        Path dir = TestService.newStoreDir();
        String shipped = Files.readString(Path.of("routes/intercom-tickets.camel.yaml"));
        Map<String, Object> props = withRoutes(dir, Map.of("intercom-tickets.camel.yaml",
                shipped.replace("{ name: from, value: intercom }", "{ name: from, value: salesforce }")));
        Throwable failure = catchThrowable(() -> TestService.start(props));
        FailureAnalysis analysis = new FlowPlanFailureAnalyzer().analyze(failure);
        assertThat(analysis).as("a flow-plan failure report for %s", failure).isNotNull();
        assertThat(analysis.getDescription()).contains("intercom-tickets.camel.yaml, route intercom-tickets: parameter from: 'salesforce', "
                + "but the flow's from is 'intercom'");
        assertThat(dir.resolve("postgres")).doesNotExist(); // refused before anything started
    }
}
