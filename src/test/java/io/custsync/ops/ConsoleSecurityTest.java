package io.custsync.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.custsync.TestService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The console (Hawtio + Jolokia) and the actuator behind one login (what each role may do there: security/JolokiaAccessTest). */
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
        return jolokia("/actuator/hawtio/jolokia", body, user, password);
    }

    private static HttpResponse<String> jolokia(String path, String body, String user, String password) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service.url(path)));
        if (user != null) {
            request.header("Authorization", basic(user, password));
        }
        return HTTP.send(request.header("Content-Type", "application/json").header("X-Requested-With", "XMLHttpRequest")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/actuator/hawtio/", "/actuator/info", "/actuator/metrics", "/actuator/prometheus", "/actuator/camelroutes", "/actuator"})
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
    void jolokiaNeedsALoginToo() throws Exception {
        for (String path : new String[] {"/actuator/jolokia", "/actuator/hawtio/jolokia"}) {
            assertThat(jolokia(path, "{\"type\":\"version\"}", null, null).statusCode()).isEqualTo(401);
            assertThat(jolokia(path, "{\"type\":\"version\"}", TestService.ADMIN, "wrong-password").statusCode()).isEqualTo(401);
            assertThat(jolokia(path, "{\"type\":\"version\"}", TestService.VIEWER, TestService.VIEWER_PASSWORD).body())
                    .contains("\"status\":200");
        }
    }

    @Test
    void hawtiosHttpProxyIsOff() throws Exception {
        // It would let a console user make this host call another address (here: the Intercom sandbox's).
        assertThat(get("/actuator/hawtio/proxy/enabled", TestService.ADMIN, TestService.ADMIN_PASSWORD).body().trim()).isEqualTo("false");
        String sandbox = service.intercom().apiUrl().replace("http://", "").replace(":", "/");
        assertThat(get("/actuator/hawtio/proxy/" + sandbox + "/me", TestService.ADMIN, TestService.ADMIN_PASSWORD).statusCode())
                .isEqualTo(404);
    }
}
