package io.custsync.intercom;

import io.custsync.sandbox.intercom.IntercomSandbox;
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

    private final String apiUrl;
    private final IntercomSandbox sandbox;
    private final AtomicReference<String> token;
    private volatile State state = State.UP;
    private volatile String reason;
    /** Why the last call could not reach Intercom at all (timeouts, refused connections, 5xx after retries), or null. */
    private volatile String unreachable;

    /** @param sandbox the in-process sandbox this connection owns, or null for a real workspace */
    public IntercomConnection(String apiUrl, String token, IntercomSandbox sandbox, ConfigurableEnvironment environment) {
        this.apiUrl = apiUrl.endsWith("/") ? apiUrl.substring(0, apiUrl.length() - 1) : apiUrl;
        this.token = new AtomicReference<>(token);
        this.sandbox = sandbox;
        environment.getPropertySources().addFirst(new MapPropertySource("intercom-connection", Map.of(API_URL_PROPERTY, this.apiUrl)));
    }

    public String apiUrl() { return apiUrl; }
    public boolean isSandbox() { return sandbox != null; }
    /** The in-process sandbox (tests and the demo run drive it), or null. */
    public IntercomSandbox sandbox() { return sandbox; }
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
    public void close() {
        if (sandbox != null) {
            sandbox.close();
        }
    }
}
