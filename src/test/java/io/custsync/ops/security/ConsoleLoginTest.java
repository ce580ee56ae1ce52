package io.custsync.ops.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.custsync.TestService;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The login itself: a generated admin password goes to a file only the service's user can read (the log says where,
 * not what), failed logins are throttled per client address, the service listens on loopback unless told otherwise,
 * and a viewer's non-GET request to any actuator endpoint is a plain 403.
 */
@ExtendWith(OutputCaptureExtension.class)
class ConsoleLoginTest {

    private static Path passwordFile;
    private static TestService service;
    private static CapturedOutput output;

    @BeforeAll
    static void start(CapturedOutput captured) {
        output = captured;
        Path store = TestService.newStoreDir();
        passwordFile = store.resolve("console-password");
        Map<String, Object> props = TestService.defaults(store);
        props.remove("sync.console.password"); // as on a first start where the operator set none
        props.put("sync.console.generated-password-file", passwordFile.toString());
        props.put("sync.console.failed-login-window", "4s");
        service = TestService.start(props);
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    private static String generated() throws Exception {
        return Files.readString(passwordFile).strip();
    }

    private static int get(String user, String password) {
        return Client.get(service, "/api/sync/status", user, password).statusCode();
    }

    @Test
    void aGeneratedPasswordIsWrittenToAFileOnlyTheServiceCanReadAndTheLogSaysWhereNotWhat() throws Exception {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile))).isEqualTo("rw-------");
        String password = generated();
        assertThat(password).hasSizeGreaterThanOrEqualTo(20);
        await().atMost(Duration.ofSeconds(10)).until(() -> get(TestService.ADMIN, password) == 200);
        assertThat(output.getAll()).contains(passwordFile.toAbsolutePath().toString()).doesNotContain(password);
    }

    @Test
    void failedLoginsFromOneAddressAreThrottledAndOtherAddressesAreNot() throws Exception {
        String password = generated();
        for (int i = 0; i < 10; i++) {
            assertThat(get(TestService.ADMIN, "guess-" + i)).as("attempt " + i).isEqualTo(401);
        }
        HttpResponse<String> throttled = Client.get(service, "/api/sync/status", TestService.ADMIN, "guess-10");
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After").map(Integer::parseInt)).hasValueSatisfying(s -> assertThat(s).isBetween(1, 4));
        // While throttled no password is tried at all from that address, the right one neither.
        assertThat(get(TestService.ADMIN, password)).isEqualTo(429);
        assertThat(get(TestService.VIEWER, TestService.VIEWER_PASSWORD)).isEqualTo(429);
        // Requests without credentials are not login attempts: health stays open.
        assertThat(Client.get(service, "/actuator/health", null, null).statusCode()).isEqualTo(200);
        // Another client address is not held back by this one's failures.
        assertThat(statusFrom("127.0.0.2", password)).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250)).until(() -> get(TestService.ADMIN, password) == 200);
    }

    /** A GET with the admin's credentials sent from another loopback address (Linux routes all of 127/8 to lo). */
    private static int statusFrom(String localAddress, String password) throws Exception {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), service.port()), 5000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET /api/sync/status HTTP/1.1\r\nHost: localhost:" + service.port() + "\r\nAuthorization: "
                    + Client.basic(TestService.ADMIN, password) + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            return Integer.parseInt(statusLine.split(" ")[1]);
        }
    }

    @Test
    void theServiceListensOnLoopbackOnly() throws Exception {
        assertThat(service.context().getEnvironment().getProperty("server.address")).isEqualTo("127.0.0.1");
        Optional<InetAddress> external = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .filter(i -> !isLoopback(i)).flatMap(i -> Collections.list(i.getInetAddresses()).stream())
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress()).findFirst();
        if (external.isPresent()) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(external.get(), service.port()), 2000);
                throw new AssertionError("the service answered on " + external.get());
            } catch (ConnectException expected) {
                // nothing listens there
            }
        }
    }

    private static boolean isLoopback(NetworkInterface i) {
        try {
            return i.isLoopback();
        } catch (java.net.SocketException e) {
            return true;
        }
    }

    @Test
    void theViewersNonGetRequestsToTheActuatorAreForbidden() throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> get(TestService.VIEWER, TestService.VIEWER_PASSWORD) == 200);
        for (String path : List.of("/actuator", "/actuator/info", "/actuator/metrics", "/actuator/prometheus", "/actuator/health",
                "/actuator/camelroutes", "/actuator/camelroutes/intercom-tickets/stop", "/actuator/hawtio/auth/logout")) {
            for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
                HttpResponse<String> response = Client.send(Client.as(Client.request(service, path), TestService.VIEWER, TestService.VIEWER_PASSWORD)
                        .header("X-Requested-With", "XMLHttpRequest").header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString("{}")));
                assertThat(response.statusCode()).as(method + " " + path).isEqualTo(403);
            }
        }
    }
}
