package io.custsync.sandbox.intercom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Bearer auth, token revocation, Intercom-Version, Accept and the 10-second rate-limit window. */
class GatekeeperTest {
    static final long T0 = 1_767_225_600L; // a multiple of 10: a window starts here
    IntercomSandbox sandbox;

    @AfterEach
    void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    private SandboxClient client(IntercomSandbox.Builder b) {
        sandbox = b.clockStartEpoch(T0).build().start();
        sandbox.control().freezeClock();
        return new SandboxClient(sandbox);
    }

    @Test
    void bearerTokenRevocationAndNewTokens() {
        SandboxClient api = client(IntercomSandbox.builder().token("tok-a").token("tok-b"));
        api.token = "tok-a";
        assertEquals(200, api.get("/me").status());
        api.token = null;
        SandboxClient.Resp missing = api.get("/me");
        assertEquals(401, missing.status());
        assertEquals("unauthorized", missing.errorCode());
        assertNull(missing.header("X-RateLimit-Limit"), "no rate-limit headers without valid credentials");
        api.token = "nope";
        assertEquals("unauthorized", api.get("/contacts").errorCode());
        sandbox.control().revokeToken("tok-a");
        api.token = "tok-a";
        SandboxClient.Resp revoked = api.get("/me");
        assertEquals(401, revoked.status());
        assertEquals("token_revoked", revoked.errorCode());
        api.token = "tok-b";
        assertEquals(200, api.get("/me").status(), "other tokens unaffected");
        sandbox.control().restoreToken("tok-a");
        api.token = "tok-a";
        assertEquals(200, api.get("/me").status());
        sandbox.control().addToken("tok-new");
        api.token = "tok-new";
        assertEquals(200, api.get("/me").status());
    }

    @Test
    void versionAndAcceptHeaders() {
        SandboxClient api = client(IntercomSandbox.builder());
        api.version = null;
        assertEquals(200, api.get("/me").status(), "absent version = app default 2.16");
        api.version = "2.7";
        assertEquals(200, api.get("/me").status());
        api.version = "3.0";
        SandboxClient.Resp bad = api.get("/me");
        assertEquals(400, bad.status());
        assertEquals("intercom_version_invalid", bad.errorCode());
        api.version = "2.16";
        api.accept = null;
        assertEquals(406, api.get("/me").status());
        api.accept = "text/html";
        assertEquals(406, api.get("/me").status());
        api.accept = "*/*";
        assertEquals(200, api.get("/me").status());
    }

    @Test
    void rateLimitPerTenSecondWindow() {
        SandboxClient api = client(IntercomSandbox.builder());
        SandboxClient control = new SandboxClient(sandbox);
        for (int i = 1; i <= 1666; i++) {
            SandboxClient.Resp r = api.get("/tags");
            assertEquals(200, r.status());
            if (i == 1 || i == 1666) {
                assertEquals("1666", r.header("X-RateLimit-Limit"));
                assertEquals(Integer.toString(1666 - i), r.header("X-RateLimit-Remaining"));
                assertEquals(Long.toString(T0 + 10), r.header("X-RateLimit-Reset"));
            }
            if (i == 800) {
                control.token = null;
                assertEquals(200, control.get("/_sandbox/counters").status(), "control API needs no bearer");
                assertEquals(200, control.post("/_sandbox/clock", Map.of("advance", 0)).status());
            }
        }
        SandboxClient.Resp limited = api.get("/tags");
        assertEquals(429, limited.status());
        assertEquals("rate_limit_exceeded", limited.errorCode());
        assertEquals("Exceeded rate limit of 1666 in 10_seconds", limited.json().path("errors").path(0).path("message").asText());
        assertEquals("0", limited.header("X-RateLimit-Remaining"));
        assertEquals(Long.toString(T0 + 10), limited.header("X-RateLimit-Reset"));
        assertEquals(1, sandbox.control().counters().rateLimited());
        sandbox.control().advanceClock(10);
        SandboxClient.Resp next = api.get("/tags");
        assertEquals(200, next.status());
        assertEquals("1665", next.header("X-RateLimit-Remaining"));
        assertEquals(Long.toString(T0 + 20), next.header("X-RateLimit-Reset"));
    }

    @Test
    void rateLimitCanBeSwitchedOff() {
        SandboxClient api = client(IntercomSandbox.builder().rateLimitPer10s(0));
        for (int i = 0; i < 30; i++) {
            assertEquals(200, api.get("/me").status());
        }
        assertNull(api.get("/me").header("X-RateLimit-Limit"));
        sandbox.control().setRateLimit(2);
        api.get("/me");
        api.get("/me");
        assertEquals(429, api.get("/me").status());
        assertEquals("Exceeded rate limit of 2 in 10_seconds",
                api.get("/me").json().path("errors").path(0).path("message").asText());
    }
}
