package io.custsync.intercom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * The Intercom workspace this service talks to: its API URL, the current token and whether that token
 * still works. After a 401 the connection is {@link State#NEEDS_REAUTH}: flows make no further calls until
 * a new token is set (here, by the API, or by a restart with a new INTERCOM_ACCESS_TOKEN).
 */
public class IntercomConnection implements AutoCloseable {

    public static final String API_VERSION = "2.16";
    /** Routes address Intercom as {@code {{sync.intercom.api-url}}}. */
    public static final String API_URL_PROPERTY = "sync.intercom.api-url";

    public enum State { UP, NEEDS_REAUTH }

    private static final Logger log = LoggerFactory.getLogger(IntercomConnection.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CHECKS = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final String apiUrl;
    private final AutoCloseable sandbox;
    private final AtomicReference<String> token;
    private volatile State state = State.UP;
    private volatile String reason;
    /** Why the last call could not reach Intercom at all (timeouts, refused connections, 5xx after retries), or null. */
    private volatile String unreachable;

    /** @param sandbox the in-process simulator this connection owns (it closes it), or null for a real workspace */
    public IntercomConnection(String apiUrl, String token, AutoCloseable sandbox, ConfigurableEnvironment environment) {
        this.apiUrl = apiUrl.endsWith("/") ? apiUrl.substring(0, apiUrl.length() - 1) : apiUrl;
        this.token = new AtomicReference<>(token);
        this.sandbox = sandbox;
        environment.getPropertySources().addFirst(new MapPropertySource("intercom-connection", Map.of(API_URL_PROPERTY, this.apiUrl)));
    }

    public String apiUrl() { return apiUrl; }
    public boolean isSandbox() { return sandbox != null; }
    /** The in-process simulator as its own type (tests drive it), or null with a real workspace. */
    public <T> T sandbox(Class<T> type) { return type.cast(sandbox); }
    public State state() { return state; }
    /** Why the connection is not usable, or null. */
    public String reason() { return reason; }
    public boolean usable() { return state == State.UP; }

    String token() {
        return token.get();
    }

    /** The last call gave up without an answer from Intercom (after its retries). */
    public void unreachable(String why) {
        unreachable = why;
    }

    /** A call got through: whatever kept Intercom out of reach is over. */
    public void reached() {
        unreachable = null;
    }

    public String unreachableReason() {
        return unreachable;
    }

    /** The token was refused: stop calling until a new one is set. */
    public void needsReauthentication(String why) {
        if (state != State.NEEDS_REAUTH) {
            log.warn("Intercom connection needs re-authentication: {}. Flows calling Intercom are paused until a new token is set.", why);
        }
        reason = why;
        state = State.NEEDS_REAUTH;
    }

    /** What Intercom made of a token it was asked about: accepted, refused (with its answer), or not reached. */
    public enum Verdict { ACCEPTED, REFUSED, UNVERIFIED }

    /** @param detail the workspace's name when accepted, otherwise why not (never the token) */
    public record TokenCheck(Verdict verdict, String detail) {}

    /**
     * Asks Intercom about a token before it is used: {@code GET /me} with it, outside the flows (their calls keep
     * the working token meanwhile) and without retries.
     */
    public TokenCheck check(String candidate) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(apiUrl + "/me")).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + candidate.trim())
                .header("Intercom-Version", API_VERSION)
                .header("Accept", "application/json")
                .GET().build();
        try {
            HttpResponse<String> answer = CHECKS.send(request, HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() == 200) {
                return new TokenCheck(Verdict.ACCEPTED, JSON.readTree(answer.body()).path("app").path("name").asText(null));
            }
            String why = "Intercom answered " + answer.statusCode() + errorOf(answer.body());
            return answer.statusCode() == 401 || answer.statusCode() == 403
                    ? new TokenCheck(Verdict.REFUSED, why) : new TokenCheck(Verdict.UNVERIFIED, why);
        } catch (IOException e) {
            return new TokenCheck(Verdict.UNVERIFIED, "Intercom could not be reached at " + apiUrl + ": " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new TokenCheck(Verdict.UNVERIFIED, "interrupted");
        }
    }

    /** " unauthorized: Access Token Invalid" from Intercom's error list, or nothing. */
    private static String errorOf(String body) {
        try {
            JsonNode error = JSON.readTree(body).path("errors").path(0);
            return error.isMissingNode() ? "" : " " + error.path("code").asText("") + ": " + error.path("message").asText("");
        } catch (IOException e) {
            return "";
        }
    }

    /** A new token (rotation or re-authentication): flows call Intercom again from their next run. */
    public void replaceToken(String newToken) {
        if (!StringUtils.hasText(newToken)) {
            throw new IllegalArgumentException("the new Intercom token is empty");
        }
        token.set(newToken.trim());
        state = State.UP;
        reason = null;
        log.info("Intercom token replaced; the connection is usable again.");
    }

    @Override
    public void close() throws Exception {
        if (sandbox != null) {
            sandbox.close();
        }
    }
}
