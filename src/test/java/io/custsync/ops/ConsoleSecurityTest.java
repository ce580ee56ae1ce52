package io.custsync.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.custsync.TestService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The console (Hawtio + Jolokia) and the actuator behind one login; state changes for the admin only. */
class ConsoleSecurityTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static TestService service;

    @BeforeAll
    static void start() {
        service = TestService.start(TestService.newStoreDir());
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    private static HttpResponse<String> get(String path, String user, String password) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service.url(path)));
        if (user != null) {
            request.header("Authorization", basic(user, password));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> jolokia(String body, String user, String password) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(service.url("/actuator/hawtio/jolokia")))
                .header("Authorization", basic(user, password))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/actuator/hawtio/", "/actuator/hawtio/jolokia/version", "/actuator/jolokia/version",
            "/actuator/info", "/actuator/metrics", "/actuator/prometheus", "/actuator/camelroutes", "/actuator"})
    void everythingButHealthNeedsALogin(String path) throws Exception {
        assertThat(get(path, null, null).statusCode()).isEqualTo(401);
        assertThat(get(path, TestService.ADMIN, "wrong-password").statusCode()).isEqualTo(401);
        assertThat(get(path, TestService.ADMIN, TestService.ADMIN_PASSWORD).statusCode()).isEqualTo(200);
        assertThat(get(path, TestService.VIEWER, TestService.VIEWER_PASSWORD).statusCode()).isEqualTo(200);
    }

    @Test
    void healthIsOpenAndShowsTheStoreToLoggedInUsers() throws Exception {
        HttpResponse<String> anonymous = get("/actuator/health", null, null);
        assertThat(anonymous.statusCode()).isEqualTo(200);
        assertThat(anonymous.body()).contains("\"status\":\"UP\"").doesNotContain("\"db\"");
        HttpResponse<String> admin = get("/actuator/health", TestService.ADMIN, TestService.ADMIN_PASSWORD);
        assertThat(admin.body()).contains("\"db\":{\"status\":\"UP\"").contains("PostgreSQL");
    }

    @Test
    void theConsoleListsTheRoutesWithTheirStatistics() throws Exception {
        HttpResponse<String> console = get("/actuator/hawtio/", TestService.ADMIN, TestService.ADMIN_PASSWORD);
        assertThat(console.body()).containsIgnoringCase("hawtio");
        HttpResponse<String> routes = jolokia("""
                {"type":"read","mbean":"org.apache.camel:context=intercom-crm-sync,type=routes,name=\\"intercom-call\\"",
                 "attribute":["State","ExchangesTotal","Description"]}""", TestService.VIEWER, TestService.VIEWER_PASSWORD);
        assertThat(routes.statusCode()).isEqualTo(200);
        assertThat(routes.body()).contains("\"State\":\"Started\"").contains("\"ExchangesTotal\":0");
    }

    @Test
    void onlyTheAdminMayStopARouteThroughJolokia() throws Exception {
        String stop = """
                {"type":"exec","mbean":"org.apache.camel:context=intercom-crm-sync,type=routes,name=\\"intercom-call\\"","operation":"stop()"}""";
        assertThat(jolokia(stop, TestService.VIEWER, TestService.VIEWER_PASSWORD).statusCode()).isEqualTo(403);
        assertThat(service.camel().getRouteController().getRouteStatus("intercom-call")).isEqualTo(ServiceStatus.Started);
        // Read-only operations stay open to viewers, so their console works.
        String dump = """
                {"type":"exec","mbean":"org.apache.camel:context=intercom-crm-sync,type=routes,name=\\"intercom-call\\"","operation":"dumpRouteAsXml()"}""";
        HttpResponse<String> dumped = jolokia(dump, TestService.VIEWER, TestService.VIEWER_PASSWORD);
        assertThat(dumped.body()).contains("\"status\":200").contains("intercom-call");

        HttpResponse<String> stopped = jolokia(stop, TestService.ADMIN, TestService.ADMIN_PASSWORD);
        assertThat(stopped.body()).contains("\"status\":200");
        assertThat(service.camel().getRouteController().getRouteStatus("intercom-call")).isEqualTo(ServiceStatus.Stopped);
        jolokia(stop.replace("stop()", "start()"), TestService.ADMIN, TestService.ADMIN_PASSWORD);
        assertThat(service.camel().getRouteController().getRouteStatus("intercom-call")).isEqualTo(ServiceStatus.Started);
    }

    @Test
    void jolokiaProxyRequestsAreRefusedToEveryone() throws Exception {
        String proxied = """
                {"type":"read","mbean":"java.lang:type=Memory","target":{"url":"service:jmx:rmi:///jndi/rmi://127.0.0.1:1099/jmxrmi"}}""";
        assertThat(jolokia(proxied, TestService.ADMIN, TestService.ADMIN_PASSWORD).statusCode()).isEqualTo(403);
    }
}
