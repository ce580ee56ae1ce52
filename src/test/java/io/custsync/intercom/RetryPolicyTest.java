package io.custsync.intercom;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** How long a failed Intercom call waits before it is tried again, or that it is not (-1). */
class RetryPolicyTest {

    private static final IntercomRequest SEARCH = IntercomRequest.post("/contacts/search", "{}");
    private static final IntercomRequest SCROLL = IntercomRequest.get("/companies/scroll", null).withoutTransientRetry();

    private static RetryPolicy policy() {
        IntercomProperties p = new IntercomProperties();
        p.setMaxAttempts(4);
        p.setRetryDelay(Duration.ofMillis(100));
        p.setMaxRateLimitWaits(2);
        p.setScrollBusyWait(Duration.ofSeconds(10));
        p.setMaxScrollBusyWaits(3);
        return new RetryPolicy(p);
    }

    /** Attempts after {@code made} calls. */
    private static Attempts made(int made) {
        Attempts attempts = new Attempts();
        for (int i = 0; i < made; i++) {
            attempts.attempt();
        }
        return attempts;
    }

    static Stream<Arguments> transientFailures() {
        Exception serverError = new IntercomApiException.Transient("GET /x", 503, null, "unavailable");
        return Stream.of(
                // failure, calls made so far → the wait lies in [min, max) (backoff doubles, plus up to half again as jitter)
                Arguments.of(serverError, 1, 100, 151),
                Arguments.of(serverError, 2, 200, 301),
                Arguments.of(serverError, 3, 400, 601),
                Arguments.of(new SocketTimeoutException("read timed out"), 1, 100, 151),
                Arguments.of(new NoHttpResponseException("reset"), 2, 200, 301));
    }

    @ParameterizedTest
    @MethodSource("transientFailures")
    void aTransientFailureBacksOffExponentiallyWithJitter(Exception failure, int made, long min, long max) {
        RetryPolicy policy = policy();
        for (int i = 0; i < 50; i++) {
            assertThat(policy.waitBeforeRetry(failure, made(made), SEARCH)).isBetween(min, max - 1);
        }
    }

    static Stream<Arguments> finalFailures() {
        return Stream.of(
                // failure, request, calls made → no retry
                Arguments.of("attempts spent", new IntercomApiException.Transient("GET /x", 500, null, "boom"), SEARCH, 4),
                Arguments.of("a scroll is not resumed after a 5xx", new IntercomApiException.Transient("GET /x", 500, null, "boom"), SCROLL, 1),
                Arguments.of("a refusal", new IntercomApiException("GET /x", 404, "not_found", "no such contact"), SEARCH, 1),
                Arguments.of("a bad token", new IntercomApiException.Unauthorized("GET /x", "unauthorized", "bad token"), SEARCH, 1),
                Arguments.of("a merged contact", new IntercomApiException.Merged("GET /x", "merged", "/contacts/2"), SEARCH, 1),
                Arguments.of("a programming error", new IllegalStateException("bug"), SEARCH, 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("finalFailures")
    void aFinalFailureIsNotRetried(String name, Exception failure, IntercomRequest request, int made) {
        assertThat(policy().waitBeforeRetry(failure, made(made), request)).isEqualTo(-1);
    }

    @Test
    void aRateLimitWaitsForTheResetAFewTimesThenGivesUp() {
        RetryPolicy policy = policy();
        Attempts attempts = made(1);
        long reset = Instant.now().plusSeconds(5).getEpochSecond();
        IntercomApiException.RateLimited limited = new IntercomApiException.RateLimited("GET /x", "slow down", reset);
        long untilReset = reset * 1000 - Instant.now().toEpochMilli();
        assertThat(policy.waitBeforeRetry(limited, attempts, SEARCH)).isBetween(untilReset - 1000, untilReset + 250);
        assertThat(policy.waitBeforeRetry(limited, attempts, SEARCH)).isBetween(untilReset - 1000, untilReset + 250);
        assertThat(policy.waitBeforeRetry(limited, attempts, SEARCH)).isEqualTo(-1);
        // A reset already past: only the jitter is left to wait.
        IntercomApiException.RateLimited past = new IntercomApiException.RateLimited("GET /x", "slow down", 1);
        assertThat(policy.waitBeforeRetry(past, made(1), SEARCH)).isBetween(0L, 249L);
    }

    @Test
    void aBusyScrollWaitsItsStepAFewTimesThenGivesUp() {
        RetryPolicy policy = policy();
        Attempts attempts = made(1);
        IntercomApiException.ScrollBusy busy = new IntercomApiException.ScrollBusy("GET /companies/scroll", "scroll exists");
        for (int i = 0; i < 3; i++) {
            assertThat(policy.waitBeforeRetry(busy, attempts, SCROLL)).isEqualTo(10_000);
        }
        assertThat(policy.waitBeforeRetry(busy, attempts, SCROLL)).isEqualTo(-1);
    }

    static Stream<Arguments> kinds() {
        return Stream.of(
                Arguments.of(new IntercomApiException.Transient("GET /x", 502, null, "bad gateway"), true),
                Arguments.of(new IOException("connection reset"), true),
                Arguments.of(new org.apache.hc.core5.http.ProtocolException("garbled"), true),
                Arguments.of(new IntercomApiException.RateLimited("GET /x", "slow", 1), false),
                Arguments.of(new IntercomApiException.ScrollBusy("GET /x", "busy"), false),
                Arguments.of(new IntercomApiException("GET /x", 422, "invalid", "bad email"), false),
                Arguments.of(new RuntimeException("other"), false));
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void transientMeansNoAnswerAtAll(Exception failure, boolean isTransient) {
        assertThat(RetryPolicy.isTransient(failure)).isEqualTo(isTransient);
    }
}
