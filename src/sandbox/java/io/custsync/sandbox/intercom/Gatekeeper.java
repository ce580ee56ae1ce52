package io.custsync.sandbox.intercom;

import io.custsync.sandbox.common.SandboxClock;
import io.custsync.sandbox.common.SandboxRequest;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What Intercom checks before routing: bearer token (401 {@code unauthorized} / {@code token_revoked}),
 * {@code Intercom-Version} (400 {@code intercom_version_invalid}), Accept (406) and the per-app rate limit over
 * 10-second windows of the sandbox clock (429 {@code rate_limit_exceeded}, headers on every authenticated response).
 */
final class Gatekeeper {
    static final Set<String> VERSIONS = Set.of("1.0", "1.1", "1.2", "1.3", "1.4", "2.0", "2.1", "2.2", "2.3", "2.4", "2.5",
            "2.6", "2.7", "2.8", "2.9", "2.10", "2.11", "2.12", "2.13", "2.14", "2.15", "2.16");
    static final String DEFAULT_VERSION = "2.16";

    private final Set<String> valid = ConcurrentHashMap.newKeySet();
    private final Set<String> revoked = ConcurrentHashMap.newKeySet();
    private final SandboxClock clock;
    private final boolean strictAccept;
    private volatile int limit;
    private long window = Long.MIN_VALUE;
    private int used;

    Gatekeeper(IntercomSettings s, SandboxClock clock) {
        valid.addAll(s.tokens);
        this.clock = clock;
        this.strictAccept = s.strictAccept;
        this.limit = s.rateLimitPer10s;
    }

    void addToken(String token) {
        valid.add(token);
        revoked.remove(token);
    }

    void revoke(String token) {
        revoked.add(token);
    }

    void restore(String token) {
        revoked.remove(token);
    }

    void setRateLimit(int perWindow) {
        this.limit = perWindow;
    }

    int rateLimit() {
        return limit;
    }

    /** Throws the error Intercom would answer with; adds the rate-limit headers to {@code head}. */
    void admit(SandboxRequest req, Map<String, String> head) {
        String auth = req.header("Authorization");
        String token = auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).trim() : null;
        if (token != null && revoked.contains(token)) {
            throw new ApiException(401, "token_revoked", "Access Token Revoked");
        }
        if (token == null || !valid.contains(token)) {
            throw new ApiException(401, "unauthorized", "Access Token Invalid");
        }
        String version = req.header("Intercom-Version");
        if (version != null && !VERSIONS.contains(version.trim())) {
            throw new ApiException(400, "intercom_version_invalid", "The requested version could not be found");
        }
        String accept = req.header("Accept");
        if (strictAccept && (accept == null || !(accept.contains("application/json") || accept.contains("*/*")
                || accept.contains("application/*")))) {
            throw new ApiException(406, "unsupported", "Accept header must allow application/json");
        }
        consume(head);
    }

    private void consume(Map<String, String> out) {
        int max = limit;
        if (max <= 0) {
            return;
        }
        long now = clock.epochSecond();
        long w = Math.floorDiv(now, 10L);
        int count;
        synchronized (this) {
            if (w != window) {
                window = w;
                used = 0;
            }
            count = ++used;
        }
        out.put("X-RateLimit-Limit", Integer.toString(max));
        out.put("X-RateLimit-Remaining", Integer.toString(Math.max(0, max - count)));
        out.put("X-RateLimit-Reset", Long.toString((w + 1) * 10L));
        if (count > max) {
            throw new ApiException(429, "rate_limit_exceeded", "Exceeded rate limit of " + max + " in 10_seconds");
        }
    }
}
