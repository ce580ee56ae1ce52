package io.custsync.sandbox.salesforce;

import static io.custsync.sandbox.salesforce.SandboxHttp.V;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuthEndpointTest {

    private final SalesforceSettings settings = new SalesforceSettings()
            .clockStart(Instant.parse("2025-01-01T00:00:00Z")).clockFrozen(true);
    private SalesforceSandbox sandbox;
    private SandboxHttp http;

    @BeforeEach
    void start() throws Exception {
        sandbox = new SalesforceSandbox(settings).start();
        http = new SandboxHttp(sandbox);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private SandboxHttp.Response token(Map<String, String> form) {
        return http.form("/services/oauth2/token", form);
    }

    @Test
    void refreshTokenGrantAnswersLikeSalesforce() {
        SandboxHttp.Response r = token(Map.of("grant_type", "refresh_token", "client_id", "sandbox-client-id",
                "client_secret", "sandbox-client-secret", "refresh_token", "sandbox-refresh-token", "format", "json"));
        assertThat(r.status()).isEqualTo(200);
        JsonNode body = r.json();
        assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.get("instance_url").asText()).isEqualTo(sandbox.baseUrl());
        // camel-salesforce cuts the org id out of this URL: it must end in /id/<18-char org>/<18-char user>.
        assertThat(body.get("id").asText()).isEqualTo(sandbox.baseUrl() + "/id/00DHs000000000gMAA/005Hs0000000000IAA");
        assertThat(body.get("id").asText()).matches(".*/id/00D[0-9A-Za-z]{15}/005[0-9A-Za-z]{15}");
        assertThat(body.get("access_token").asText()).startsWith("00DHs000000000g!");
        assertThat(body.get("issued_at").asText()).matches("\\d{13}");
        assertThat(body.get("signature").asText()).isNotBlank();
        assertThat(body.has("refresh_token")).isFalse();
        assertThat(sandbox.control().counters().logins()).containsEntry("refresh_token.success", 1L);
    }

    @Test
    void refreshTokenGrantWorksWithoutTheOptionalSecret() {
        assertThat(token(Map.of("grant_type", "refresh_token", "client_id", "sandbox-client-id",
                "refresh_token", "sandbox-refresh-token")).status()).isEqualTo(200);
    }

    @Test
    void passwordAndClientCredentialsGrantsLogIn() {
        assertThat(token(Map.of("grant_type", "password", "client_id", "sandbox-client-id", "client_secret",
                "sandbox-client-secret", "username", "integration@custsync-sandbox.example.com", "password",
                "sandbox-password")).status()).isEqualTo(200);
        assertThat(token(Map.of("grant_type", "client_credentials", "client_id", "sandbox-client-id",
                "client_secret", "sandbox-client-secret")).status()).isEqualTo(200);
        assertThat(sandbox.control().counters().successfulLogins()).isEqualTo(2);
    }

    @Test
    void loginFailuresAnswer400WithOAuthErrorBodies() {
        assertOAuthError(token(Map.of("grant_type", "refresh_token", "client_id", "other", "refresh_token",
                "sandbox-refresh-token")), "invalid_client_id", "client identifier invalid");
        assertOAuthError(token(Map.of("grant_type", "refresh_token", "client_id", "sandbox-client-id",
                "refresh_token", "wrong")), "invalid_grant", "expired access/refresh token");
        assertOAuthError(token(Map.of("grant_type", "password", "client_id", "sandbox-client-id", "client_secret",
                "sandbox-client-secret", "username", "integration@custsync-sandbox.example.com", "password", "bad")),
                "invalid_grant", "authentication failure");
        assertOAuthError(token(Map.of("grant_type", "client_credentials", "client_id", "sandbox-client-id",
                "client_secret", "bad")), "invalid_client", "invalid client credentials");
        assertOAuthError(token(Map.of("grant_type", "authorization_code", "client_id", "sandbox-client-id")),
                "unsupported_grant_type", "grant type not supported");
        assertThat(sandbox.control().counters().failedLogins()).isEqualTo(5);
    }

    @Test
    void revokedRefreshTokenCannotLogInAgainUntilRestored() {
        http.login(settings);
        sandbox.control().revokeRefreshToken();
        assertThat(http.get(V + "/limits").status()).isEqualTo(401);
        assertOAuthError(token(Map.of("grant_type", "refresh_token", "client_id", "sandbox-client-id",
                "refresh_token", "sandbox-refresh-token")), "invalid_grant", "expired access/refresh token");
        sandbox.control().restoreRefreshToken();
        http.login(settings);
        assertThat(http.get(V + "/limits").status()).isEqualTo(200);
    }

    @Test
    void apiCallsWithoutAValidSessionAnswer401InvalidSessionId() {
        SandboxHttp.Response r = http.get(V + "/limits");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.body()).isEqualTo("[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]");
        http.token = "00DHs000000000g!made-up";
        assertThat(http.get(V + "/limits").status()).isEqualTo(401);
        assertThat(sandbox.control().counters().events("invalidSession")).isEqualTo(2);
    }

    @Test
    void expiringAllSessionsInvalidatesIssuedTokens() {
        http.login(settings);
        assertThat(http.get(V + "/limits").status()).isEqualTo(200);
        sandbox.control().expireAllSessions();
        assertThat(http.get(V + "/limits").status()).isEqualTo(401);
        http.login(settings);
        assertThat(http.get(V + "/limits").status()).isEqualTo(200);
    }

    @Test
    void sessionsTimeOutAfterTwoHoursOfInactivityOnTheSandboxClock() {
        http.login(settings);
        sandbox.control().advanceClock(Duration.ofMinutes(119));
        assertThat(http.get(V + "/limits").status()).isEqualTo(200);
        sandbox.control().advanceClock(Duration.ofMinutes(119));
        assertThat(http.get(V + "/limits").status()).as("activity extends the session").isEqualTo(200);
        sandbox.control().advanceClock(Duration.ofMinutes(121));
        assertThat(http.get(V + "/limits").status()).isEqualTo(401);
    }

    @Test
    void revokeEndpointEndsTheSessionAsCamelSalesforceCallsItOnLogout() {
        http.login(settings);
        SandboxHttp.Response r = http.get("/services/oauth2/revoke?token=" + SandboxHttp.enc(http.token));
        assertThat(r.status()).isEqualTo(200);
        assertThat(http.get(V + "/limits").status()).isEqualTo(401);
        SandboxHttp.Response again = http.get("/services/oauth2/revoke?token=" + SandboxHttp.enc(http.token));
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.json().get("error").asText()).isEqualTo("unsupported_token_type");
    }

    private static void assertOAuthError(SandboxHttp.Response r, String error, String description) {
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error").asText()).isEqualTo(error);
        assertThat(r.json().get("error_description").asText()).isEqualTo(description);
    }
}
