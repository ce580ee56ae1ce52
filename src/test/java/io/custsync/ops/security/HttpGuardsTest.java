package io.custsync.ops.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.custsync.TestService;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What guards every request before it reaches the API, Jolokia or the actuator: where it came from, how big it is. */
class HttpGuardsTest {

    static final String EVIL = "http://evil.example";
    static final String RUN = "/api/sync/intercom-tickets/run";
    static final String RUN_NOW = "{\"type\":\"exec\",\"mbean\":\"io.custsync:type=SyncFlows\",\"operation\":\"runNow\",\"arguments\":[\"intercom-tickets\"]}";

    static TestService service;

    @BeforeAll
    static void start() {
        service = TestService.start(TestService.newStoreDir());
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    static long runs() {
        return service.count("SELECT count(*) FROM sync_runs WHERE flow = 'intercom-tickets'");
    }

    static String own() {
        return "http://localhost:" + service.port();
    }

    static HttpRequest.Builder admin(String path) {
        return Client.as(Client.request(service, path), TestService.ADMIN, TestService.ADMIN_PASSWORD);
    }

    /** What was seen: a page on another site, visited by the logged-in admin, started a run and called Jolokia. */
    @Nested
    class CrossSiteRequests {

        @Test
        void aFormPostedFromAnotherSiteStartsNothing() {
            long before = runs();
            // The browser resends the admin's basic credentials; the page can set neither headers nor a token.
            HttpResponse<String> form = Client.send(admin(RUN).header("Origin", EVIL).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("dryRun=false")));
            assertThat(form.statusCode()).isEqualTo(403);
            HttpResponse<String> referred = Client.send(admin(RUN).header("Referer", EVIL + "/cats.html")
                    .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("")));
            assertThat(referred.statusCode()).isEqualTo(403);
            assertThat(runs()).isEqualTo(before);
        }

        @ParameterizedTest
        @ValueSource(strings = {"/actuator/jolokia", "/actuator/hawtio/jolokia"})
        void aTextPlainJolokiaCallFromAnotherSiteRunsNothingAndIsNotShownToThatSite(String path) {
            long before = runs();
            HttpResponse<String> exec = Client.send(admin(path).header("Origin", EVIL).header("Content-Type", "text/plain")
                    .POST(HttpRequest.BodyPublishers.ofString(RUN_NOW)));
            assertThat(exec.statusCode()).isEqualTo(403);
            assertThat(exec.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
            assertThat(exec.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
            // Even a request carrying the script header is refused from a foreign origin.
            HttpResponse<String> scripted = Client.send(admin(path).header("Origin", EVIL).header("X-Requested-With", "XMLHttpRequest")
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(RUN_NOW)));
            assertThat(scripted.statusCode()).isEqualTo(403);
            assertThat(scripted.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
            assertThat(runs()).isEqualTo(before);
        }

        @ParameterizedTest
        @ValueSource(strings = {"/actuator/jolokia", "/actuator/hawtio/jolokia"})
        void jolokiasCorsPreflightGrantsNothingToAnotherSite(String path) {
            HttpResponse<String> preflight = Client.send(Client.request(service, path).header("Origin", EVIL)
                    .header("Access-Control-Request-Method", "POST").header("Access-Control-Request-Headers", "x-requested-with,content-type")
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
            // A read from the service's own origin is answered, with no other origin named.
            HttpResponse<String> own = Client.send(admin(path).header("Origin", own()).header("X-Requested-With", "XMLHttpRequest")
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"version\"}")));
            assertThat(own.body()).contains("\"status\":200");
            assertThat(own.headers().firstValue("Access-Control-Allow-Origin")).isIn(Optional.empty(), Optional.of(own()));
        }

        @ParameterizedTest
        @ValueSource(strings = {RUN, "/api/a-path-added-later", "/actuator/jolokia", "/actuator/info", "/actuator/hawtio/auth/logout"})
        void everyStateChangeNeedsTheSameOriginProofEvenFromTheOwnOrigin(String path) {
            long before = runs();
            for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
                HttpResponse<String> bare = Client.send(admin(path).header("Origin", own()).header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(RUN_NOW)));
                assertThat(bare.statusCode()).as(method + " " + path).isEqualTo(403);
                HttpResponse<String> forgedToken = Client.send(admin(path).header("Cookie", "XSRF-TOKEN=chosen-by-the-page")
                        .header("X-XSRF-TOKEN", "another-value").header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(RUN_NOW)));
                assertThat(forgedToken.statusCode()).as(method + " " + path).isEqualTo(403);
            }
            assertThat(runs()).isEqualTo(before);
        }

        @Test
        void theViewerChangesNothingAnywhereEvenWithTheProof() {
            long before = runs();
            for (String path : List.of(RUN, "/api/a-path-added-later", "/api/connections/intercom/token", "/actuator/info",
                    "/actuator/health", "/actuator/prometheus", "/actuator/hawtio/auth/logout")) {
                for (String method : List.of("POST", "PUT", "DELETE")) {
                    HttpResponse<String> response = Client.send(Client.as(Client.request(service, path), TestService.VIEWER, TestService.VIEWER_PASSWORD)
                            .header("X-Requested-With", "XMLHttpRequest").header("Content-Type", "application/json")
                            .method(method, HttpRequest.BodyPublishers.ofString("{\"token\":\"x\"}")));
                    assertThat(response.statusCode()).as(method + " " + path).isEqualTo(403);
                }
            }
            assertThat(runs()).isEqualTo(before);
        }

        @Test
        void aScriptProvesItselfWithAHeaderAndTheConsoleWithItsToken() {
            long before = runs();
            HttpResponse<String> script = Client.send(admin(RUN).header("X-Requested-With", "XMLHttpRequest").POST(HttpRequest.BodyPublishers.noBody()));
            assertThat(script.statusCode()).isIn(202, 409);

            // The console (Hawtio, the status page) reads the XSRF-TOKEN cookie a page load set and sends it back.
            HttpResponse<String> page = Client.send(admin("/api/sync/status").GET());
            String cookie = page.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("XSRF-TOKEN=")).findFirst().orElseThrow();
            String token = cookie.substring("XSRF-TOKEN=".length(), cookie.indexOf(';'));
            assertThat(cookie).doesNotContainIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict");
            HttpResponse<String> console = Client.send(admin("/actuator/hawtio/jolokia").header("Origin", own())
                    .header("Cookie", "XSRF-TOKEN=" + token).header("X-XSRF-TOKEN", token).header("Content-Type", "text/json")
                    .POST(HttpRequest.BodyPublishers.ofString(RUN_NOW)));
            assertThat(console.body()).contains("\"status\":200");
            assertThat(runs()).isGreaterThan(before);
        }
    }

    /** What was seen: parallel 200 MB bodies sent to Jolokia ran the service out of memory. */
    @Nested
    class RequestBodies {

        @ParameterizedTest
        @ValueSource(strings = {"/actuator/jolokia", "/actuator/hawtio/jolokia", RUN, "/api/connections/intercom/token"})
        void aBodyOverOneMegabyteIsRefusedWith413(String path) {
            byte[] body = new byte[1024 * 1024 + 1];
            Arrays.fill(body, (byte) ' ');
            body[0] = '{';
            body[body.length - 1] = '}';
            for (String user : new String[] {TestService.VIEWER, TestService.ADMIN, null}) {
                HttpResponse<String> response = Client.send(Client.as(Client.request(service, path), user,
                        TestService.ADMIN.equals(user) ? TestService.ADMIN_PASSWORD : TestService.VIEWER_PASSWORD)
                        .header("X-Requested-With", "XMLHttpRequest").header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
                assertThat(response.statusCode()).as(path + " as " + user).isEqualTo(413);
            }
            // One megabyte exactly is still a request like any other.
            HttpResponse<String> atTheCap = Client.send(admin("/actuator/jolokia").header("X-Requested-With", "XMLHttpRequest")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(Arrays.copyOf(("{\"type\":\"version\"}" + " ".repeat(1024 * 1024))
                            .getBytes(StandardCharsets.UTF_8), 1024 * 1024))));
            assertThat(atTheCap.statusCode()).isEqualTo(200);
        }

        @Test
        void aHugeDeclaredBodyIsRefusedBeforeAByteOfItIsRead() throws Exception {
            long before = runs();
            // 200 MB announced, none sent: the answer comes at once, so nothing waited for (or kept) the body.
            String head = "POST " + RUN + " HTTP/1.1\r\nHost: localhost:" + service.port() + "\r\nAuthorization: "
                    + Client.basic(TestService.ADMIN, TestService.ADMIN_PASSWORD) + "\r\nX-Requested-With: XMLHttpRequest\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 209715200\r\n\r\n";
            assertThat(statusOf(head, null)).isEqualTo(413);
            assertThat(runs()).isEqualTo(before);
        }

        @Test
        void aBodyOfUnstatedLengthIsRefusedAfterNoMoreThanTheCap() throws Exception {
            long before = runs();
            String head = "POST /actuator/jolokia HTTP/1.1\r\nHost: localhost:" + service.port() + "\r\nAuthorization: "
                    + Client.basic(TestService.VIEWER, TestService.VIEWER_PASSWORD) + "\r\nX-Requested-With: XMLHttpRequest\r\n"
                    + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
            long[] sent = new long[1];
            int status = statusOf(head, sent);
            assertThat(status).isIn(411, 413);
            // 64 MB were on offer; the service stopped taking them long before (socket buffers hold a few MB at most).
            assertThat(sent[0]).isLessThan(24L * 1024 * 1024);
            assertThat(runs()).isEqualTo(before);
        }

        /** Sends the head, then (when {@code sent} is given) up to 64 MB of chunks until the service answers; its status. */
        int statusOf(String head, long[] sent) throws Exception {
            try (Socket socket = new Socket("localhost", service.port())) {
                socket.setSoTimeout(20_000);
                OutputStream out = socket.getOutputStream();
                out.write(head.getBytes(StandardCharsets.US_ASCII));
                out.flush();
                if (sent != null) {
                    // A service that answers on the head alone has answered within this wait; one that reads the body
                    // gets it chunk by chunk, and is watched for its answer between chunks.
                    for (int i = 0; i < 100 && socket.getInputStream().available() == 0; i++) {
                        Thread.sleep(10);
                    }
                    byte[] chunk = ("10000\r\n" + " ".repeat(0x10000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
                    try {
                        while (sent[0] < 64L * 1024 * 1024 && socket.getInputStream().available() == 0) {
                            out.write(chunk);
                            sent[0] += 0x10000;
                        }
                    } catch (java.io.IOException closedOnUs) {
                        // the service answered and closed the connection while we were still sending
                    }
                }
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
                String statusLine = in.readLine();
                assertThat(statusLine).startsWith("HTTP/1.1 ");
                return Integer.parseInt(statusLine.split(" ")[1]);
            }
        }
    }
}
