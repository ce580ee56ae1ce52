package io.custsync.intercom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What the {@code intercom-call} route needs around its camel-http endpoint: {@link #prepare} turns the
 * flow's {@link IntercomRequest} into HTTP headers (after waiting for rate-limit room), {@link #read} turns
 * the answer into JSON or into the typed {@link IntercomApiException} the error handling acts on.
 */
@Component("intercomCalls")
public class IntercomCalls {

    private static final Logger log = LoggerFactory.getLogger(IntercomCalls.class);

    private static final Pattern CANONICAL = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?canonical\"?");

    private final IntercomConnection connection;
    private final RateLimitPacer pacer;
    private final ObjectMapper json;
    private final RetryPolicy retryPolicy;
    private final MeterRegistry meters;
    private final CallWaits runs;
    private final long rateLimitMaxWaitMillis;

    public IntercomCalls(IntercomConnection connection, RateLimitPacer pacer, ObjectMapper json, IntercomProperties properties,
                         MeterRegistry meters, CallWaits runs) {
        this.meters = meters;
        this.runs = runs;
        this.rateLimitMaxWaitMillis = properties.getRateLimitMaxWait().toMillis();
        this.connection = connection;
        this.pacer = pacer;
        this.json = json;
        this.retryPolicy = new RetryPolicy(properties);
    }

    /** Starts a call: no attempt made yet. */
    public void begin(Exchange exchange) {
        exchange.setProperty(Attempts.PROPERTY, new Attempts());
    }

    /**
     * After a failed attempt: waits and asks for another (429 → until the window resets; 5xx, timeouts,
     * resets, malformed bodies → exponential backoff with jitter; scroll_exists → until the old scroll
     * expires), or rethrows when the failure is final or the attempts are spent: the page then fails its run.
     * A service that is stopping waits for nothing: the failure ends the run at once.
     */
    public void retryOrGiveUp(Exchange exchange) throws Exception {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        Attempts attempts = exchange.getProperty(Attempts.PROPERTY, Attempts.class);
        IntercomRequest request = request(exchange);
        long waitMillis = runs.isStopping() ? -1 : retryPolicy.waitBeforeRetry(failure, attempts, request);
        if (waitMillis < 0) {
            attempts.giveUp();
            runs.check(); // a service that is stopping ends the run as interrupted, whatever the failure
            if (RetryPolicy.isTransient(failure)) {
                connection.unreachable(request + ": " + failure.getMessage());
            }
            throw failure;
        }
        runs.pause(waitMillis);
    }

    public void prepare(Exchange exchange) throws InterruptedException {
        Attempts attempts = exchange.getProperty(Attempts.PROPERTY, Attempts.class);
        if (attempts != null) {
            attempts.attempt();
        }
        IntercomRequest request = request(exchange);
        runs.check(); // no new call once the service is stopping
        if (!connection.usable()) {
            // No call at all while the token is known to be bad: Intercom is not hammered with refused requests.
            throw new IntercomApiException.Unauthorized(request.toString(), "needs_reauthentication", connection.reason());
        }
        pacer.acquire();
        Message in = exchange.getIn();
        // Only what Intercom should see leaves as HTTP headers: nothing the flow put on the message.
        in.removeHeaders("*");
        in.setHeader(Exchange.HTTP_METHOD, request.method());
        in.setHeader(Exchange.HTTP_PATH, request.path());
        if (request.query() != null) {
            in.setHeader(Exchange.HTTP_QUERY, request.query());
        }
        in.setHeader("Intercom-Version", IntercomConnection.API_VERSION);
        in.setHeader("Accept", "application/json");
        if (request.body() != null) {
            in.setHeader(Exchange.CONTENT_TYPE, "application/json");
            in.setBody(request.body());
        } else {
            in.setBody(null);
        }
        CallCounter run = exchange.getProperty(CallCounter.PROPERTY, CallCounter.class);
        if (run != null) {
            run.apiCall();
        }
    }

    public void read(Exchange exchange) {
        IntercomRequest request = request(exchange);
        Message in = exchange.getIn();
        int status = in.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        if (status > 0 && status < 500) {
            connection.reached();
        }
        meters.counter("intercom.api.calls", "status", Integer.toString(status)).increment();
        Long limit = longHeader(in, "X-RateLimit-Limit");
        Long remaining = longHeader(in, "X-RateLimit-Remaining");
        Long reset = longHeader(in, "X-RateLimit-Reset");
        pacer.record(limit, remaining, reset);
        byte[] body = bytes(in.getBody());
        if (status >= 200 && status < 300) {
            in.setBody(parse(request, status, body));
            Attempts attempts = exchange.getProperty(Attempts.PROPERTY, Attempts.class);
            if (attempts != null) {
                attempts.succeed();
            }
            return;
        }
        JsonNode error = tryParse(body);
        String code = error == null ? null : error.path("errors").path(0).path("code").asText(null);
        String message = error == null ? abbreviate(body) : error.path("errors").path(0).path("message").asText(null);
        if (status == 429) {
            long resetAt = reset != null ? reset : Instant.now().getEpochSecond() + 10;
            pacer.exhausted(resetAt);
            CallCounter run = exchange.getProperty(CallCounter.PROPERTY, CallCounter.class);
            if (run != null) {
                run.rateLimited();
            }
            long waitMillis = resetAt > Long.MAX_VALUE / 1000 ? Long.MAX_VALUE : resetAt * 1000 - Instant.now().toEpochMilli();
            if (waitMillis > rateLimitMaxWaitMillis) {
                // Not a window we will wait for: retried as a failed call (backoff, max-attempts), then the run fails.
                throw new IntercomApiException.Transient(request.toString(), 429, "rate_limit_reset_too_far",
                        "X-RateLimit-Reset " + resetAt + " is " + (waitMillis / 1000) + " s away, more than sync.intercom.rate-limit-max-wait ("
                                + (rateLimitMaxWaitMillis / 1000) + " s)");
            }
            throw new IntercomApiException.RateLimited(request.toString(), message, resetAt);
        }
        if (status == 401) {
            connection.needsReauthentication("Intercom answered 401 " + (code == null ? "unauthorized" : code)
                    + (message == null ? "" : " (" + message + ")"));
            throw new IntercomApiException.Unauthorized(request.toString(), code, message);
        }
        if (status == 400 && "scroll_exists".equals(code)) {
            throw new IntercomApiException.ScrollBusy(request.toString(), message);
        }
        if (status == 410 && "contact_merged".equals(code)) {
            throw new IntercomApiException.Merged(request.toString(), message, canonical(in.getHeader("Link", String.class)));
        }
        if (status >= 500 || status == 408) {
            throw new IntercomApiException.Transient(request.toString(), status, code, message);
        }
        throw new IntercomApiException(request.toString(), status, code, message);
    }

    private JsonNode parse(IntercomRequest request, int status, byte[] body) {
        try {
            JsonNode node = json.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw new IntercomApiException.Transient(request.toString(), status, "empty_body", "empty response body");
            }
            return node;
        } catch (IOException e) {
            JsonNode repaired = null;
            try {
                repaired = InvalidUtf8.repair(json, body);
            } catch (IOException stillMalformed) {
                // not only its encoding: malformed as well
            }
            if (repaired != null) {
                log.warn("{} answered with bytes that are not UTF-8; the records holding them are kept as dead letters", request);
                return repaired;
            }
            // A cut or garbled page is a transport problem: asking again is the fix.
            throw new IntercomApiException.Transient(request.toString(), status, "malformed_json", e.getMessage());
        }
    }

    private JsonNode tryParse(byte[] body) {
        try {
            return body.length == 0 ? null : json.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private static IntercomRequest request(Exchange exchange) {
        IntercomRequest request = exchange.getProperty(IntercomRequest.PROPERTY, IntercomRequest.class);
        if (request == null) {
            throw new IllegalStateException("no " + IntercomRequest.PROPERTY + " on the exchange");
        }
        return request;
    }

    private static byte[] bytes(Object body) {
        try {
            if (body == null) {
                return new byte[0];
            }
            if (body instanceof byte[] b) {
                return b;
            }
            if (body instanceof InputStream in) {
                return in.readAllBytes();
            }
            return body.toString().getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IntercomApiException.Transient("reading the response", 0, "io_error", e.getMessage());
        }
    }

    private static Long longHeader(Message in, String name) {
        Object value = in.getHeader(name);
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value.toString().trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String canonical(String link) {
        if (link == null) {
            return null;
        }
        Matcher m = CANONICAL.matcher(link);
        if (!m.find()) {
            return null;
        }
        String target = m.group(1);
        int path = target.indexOf("/contacts/");
        return path >= 0 ? target.substring(path) : target;
    }

    private static String abbreviate(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
}
