package io.custsync.sandbox.salesforce;

import io.custsync.sandbox.common.SandboxClock;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The OAuth2 side of the org: the token endpoint's three grant types, revoke, and the access-token
 * sessions every API call is checked against (with Salesforce's inactivity timeout on the sandbox clock).
 */
final class AuthService {

    /** A login answer: 200 with the token body, or 400 with {@code {error, error_description}}. */
    record LoginResult(int status, Map<String, Object> body) {
    }

    private record Session(String userId, Instant lastUsed) {
    }

    private final SalesforceSettings settings;
    private final SandboxClock clock;
    private final SalesforceCounters counters;
    private final String orgId;
    private final String userId;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private volatile boolean refreshTokenRevoked;

    AuthService(SalesforceSettings settings, SandboxClock clock, SalesforceCounters counters) {
        this.settings = settings;
        this.clock = clock;
        this.counters = counters;
        this.orgId = orgId(settings);
        this.userId = SalesforceIds.of("005", 0);
    }

    /** The org id is derived from the seed, so each seeded org looks like a different org. */
    static String orgId(SalesforceSettings settings) {
        return SalesforceIds.of("00D", settings.seed() & 0xFFFFFFFFL);
    }

    LoginResult token(Map<String, String> form, String baseUrl) {
        String grant = form.getOrDefault("grant_type", "");
        LoginResult result = login(grant, form, baseUrl);
        counters.login(grant.isEmpty() ? "none" : grant, result.status == 200);
        return result;
    }

    private LoginResult login(String grant, Map<String, String> form, String baseUrl) {
        if (!grant.equals("refresh_token") && !grant.equals("password") && !grant.equals("client_credentials")) {
            return error("unsupported_grant_type", "grant type not supported");
        }
        if (!settings.clientId().equals(form.get("client_id"))) {
            return error("invalid_client_id", "client identifier invalid");
        }
        String secret = form.get("client_secret");
        // The refresh-token flow may omit the secret (it is optional there); if sent it must be right.
        boolean secretRequired = !grant.equals("refresh_token");
        if ((secretRequired || secret != null) && !settings.clientSecret().equals(secret)) {
            return error("invalid_client", "invalid client credentials");
        }
        switch (grant) {
            case "refresh_token" -> {
                if (refreshTokenRevoked || !settings.refreshToken().equals(form.get("refresh_token"))) {
                    return error("invalid_grant", "expired access/refresh token");
                }
            }
            case "password" -> {
                if (!settings.username().equalsIgnoreCase(form.getOrDefault("username", ""))
                        || !settings.password().equals(form.get("password"))) {
                    return error("invalid_grant", "authentication failure");
                }
            }
            default -> {
                // client_credentials: the connected app runs as the integration user.
            }
        }
        String token = newAccessToken();
        sessions.put(token, new Session(userId, clock.now()));
        String id = baseUrl + "/id/" + orgId + "/" + userId;
        String issuedAt = String.valueOf(System.currentTimeMillis());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", token);
        body.put("signature", sign(id + issuedAt));
        body.put("scope", "api refresh_token");
        body.put("instance_url", baseUrl);
        body.put("id", id);
        body.put("token_type", "Bearer");
        body.put("issued_at", issuedAt);
        return new LoginResult(200, body);
    }

    /** Revoking an access token ends that session; revoking the refresh token ends every session too. */
    boolean revoke(String token) {
        if (token == null) {
            return false;
        }
        if (token.equals(settings.refreshToken())) {
            refreshTokenRevoked = true;
            sessions.clear();
            return true;
        }
        return sessions.remove(token) != null;
    }

    /** True when the bearer token is a live session; touching it extends the inactivity window. */
    boolean authenticate(String token) {
        if (token == null) {
            return false;
        }
        Session s = sessions.get(token);
        if (s == null) {
            return false;
        }
        Instant now = clock.now();
        if (settings.sessionTimeout() != null && s.lastUsed().plus(settings.sessionTimeout()).isBefore(now)) {
            sessions.remove(token);
            return false;
        }
        sessions.put(token, new Session(s.userId(), now));
        return true;
    }

    void expireAllSessions() {
        sessions.clear();
    }

    void revokeRefreshToken() {
        revoke(settings.refreshToken());
    }

    void restoreRefreshToken() {
        refreshTokenRevoked = false;
    }

    int activeSessions() {
        return sessions.size();
    }

    private String newAccessToken() {
        byte[] bytes = new byte[48];
        random.nextBytes(bytes);
        return orgId.substring(0, 15) + "!" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private String sign(String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(settings.clientSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static LoginResult error(String code, String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("error_description", description);
        return new LoginResult(400, body);
    }
}
