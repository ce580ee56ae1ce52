package io.custsync.sandbox.intercom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.custsync.sandbox.common.Faults;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Fault injection (status, latency, truncated/malformed JSON, reset; nth / next K / probability) and counters. */
class FaultsAndCountersTest {
    IntercomSandbox sandbox;
    SandboxClient api;

    @BeforeEach
    void start() {
        sandbox = IntercomSandbox.builder().seed(1).clockStartEpoch(1_767_225_600L).build().start();
        sandbox.control().freezeClock();
        api = new SandboxClient(sandbox);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void statusOnNthMatchingRequestOnly() {
        sandbox.control().addFault(Faults.on("GET", "/contacts/*").status(503).nth(2));
        String id = sandbox.control().contactId(1);
        assertEquals(200, api.get("/contacts/" + id).status());
        assertEquals(200, api.get("/contacts").status(), "other paths do not match the glob");
        SandboxClient.Resp second = api.get("/contacts/" + id);
        assertEquals(503, second.status());
        assertEquals("error.list", second.json().get("type").asText());
        assertEquals(200, api.get("/contacts/" + id).status());
    }

    @Test
    void statusForNextKRequestsWithRegexAndMethod() {
        sandbox.control().addFault(Faults.on("POST", "/(contacts|conversations)/search").status(429).times(2));
        Map<String, Object> body = Map.of("query", Map.of("field", "role", "operator", "=", "value", "user"));
        assertEquals(200, api.get("/contacts").status());
        SandboxClient.Resp first = api.post("/contacts/search", body);
        assertEquals(429, first.status());
        assertEquals("rate_limit_exceeded", first.errorCode());
        assertEquals(429, api.post("/conversations/search", Map.of("query", Map.of("field", "open", "operator", "=",
                "value", true))).status());
        assertEquals(200, api.post("/contacts/search", body).status());
        assertEquals(2, sandbox.control().counters().rateLimited());
    }

    @Test
    void aRateLimitFaultCanAnnounceAResetFarAway() {
        long yearAway = sandbox.control().now() + 365L * 24 * 3600;
        sandbox.control().addFault(Faults.on("GET", "/contacts").status(429).header("X-RateLimit-Reset", Long.toString(yearAway)).times(1));
        SandboxClient.Resp limited = api.get("/contacts");
        assertEquals(429, limited.status());
        assertEquals(Long.toString(yearAway), limited.headers().get("x-ratelimit-reset"));
        SandboxClient.Resp next = api.get("/contacts");
        assertEquals(200, next.status());
        assertTrue(Long.parseLong(next.headers().get("x-ratelimit-reset")) <= sandbox.control().now() + 10, "the window's own reset again");
    }

    @Test
    void probabilityOneAndZero() {
        sandbox.control().addFault(Faults.on("*", "/tags").status(500).probability(1.0));
        sandbox.control().addFault(Faults.on("*", "/admins").status(502).probability(0.0));
        for (int i = 0; i < 5; i++) {
            assertEquals(500, api.get("/tags").status());
            assertEquals(200, api.get("/admins").status());
        }
        sandbox.control().clearFaults();
        assertEquals(200, api.get("/tags").status());
    }

    @Test
    void truncatedAndMalformedBodies() {
        sandbox.control().addFault(Faults.on("GET", "/me").truncate());
        SandboxClient.Resp truncated = api.get("/me");
        assertEquals(200, truncated.status());
        assertThrows(JsonProcessingException.class, () -> SandboxClient.JSON.readTree(truncated.body()));
        String full = api.get("/me").body();
        assertEquals(full.substring(0, full.length() / 2), truncated.body());
        sandbox.control().addFault(Faults.on("GET", "/me").malformed());
        SandboxClient.Resp malformed = api.get("/me");
        assertEquals(200, malformed.status());
        assertThrows(JsonProcessingException.class, () -> SandboxClient.JSON.readTree(malformed.body()));
    }

    @Test
    void connectionResetWithoutResponse() throws Exception {
        sandbox.control().addFault(Faults.on("GET", "/contacts").reset());
        try (Socket socket = new Socket("127.0.0.1", sandbox.port())) {
            socket.getOutputStream().write(("GET /contacts HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                    + IntercomSettings.DEFAULT_TOKEN + "\r\nAccept: application/json\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            assertEquals(-1, socket.getInputStream().read(), "socket closed without a single byte of response");
        }
        assertEquals(200, api.get("/contacts").status(), "only the next request was reset");
        // java.net.http retries an idempotent request once on a dropped connection; with every request reset it fails.
        sandbox.control().addFault(Faults.on("GET", "/contacts").reset().probability(1.0));
        assertThrows(UncheckedIOException.class, () -> api.get("/contacts"));
    }

    @Test
    void latency() {
        sandbox.control().addFault(Faults.on("GET", "/admins").latency(400));
        long start = System.nanoTime();
        assertEquals(200, api.get("/admins").status());
        assertTrue(System.nanoTime() - start >= 400_000_000L, "response delayed by at least the injected latency");
    }

    @Test
    void countersByRouteWritesAndReset() {
        String id = sandbox.control().contactId(1);
        api.get("/contacts/" + id);
        api.get("/contacts/" + sandbox.control().contactId(2));
        api.put("/contacts/" + id, Map.of("name", "X"));
        api.post("/contacts/search", Map.of("query", Map.of("field", "role", "operator", "=", "value", "user")));
        api.get("/_sandbox/counters");
        IntercomCounters c = sandbox.control().counters();
        assertEquals(2, c.count("GET /contacts/{id}"));
        assertEquals(1, c.count("PUT /contacts/{id}"));
        assertEquals(1, c.count("POST /contacts/search"));
        assertEquals(4, c.total(), "control API calls are not counted");
        assertEquals(1, c.writes(), "search is a read");
        sandbox.control().resetCounters();
        assertEquals(0, c.total());
        assertEquals(Map.of(), c.snapshot());
    }
}
