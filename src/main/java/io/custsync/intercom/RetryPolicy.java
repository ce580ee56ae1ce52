package io.custsync.intercom;

import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long to wait before trying an Intercom call again, or -1 to give up. Separate from the HTTP plumbing
 * so the rules read in one place.
 */
final class RetryPolicy {

    private final int maxAttempts;
    private final long baseDelayMillis;
    private final int maxRateLimitWaits;
    private final long scrollBusyStepMillis;
    private final int maxScrollBusyWaits;

    RetryPolicy(IntercomProperties p) {
        this.maxAttempts = p.getMaxAttempts();
        this.baseDelayMillis = p.getRetryDelay().toMillis();
        this.maxRateLimitWaits = p.getMaxRateLimitWaits();
        this.scrollBusyStepMillis = p.getScrollBusyWait().toMillis();
        this.maxScrollBusyWaits = p.getMaxScrollBusyWaits();
    }

    long waitBeforeRetry(Exception failure, Attempts attempts, IntercomRequest request) {
        if (failure instanceof IntercomApiException.RateLimited limited) {
            // The pacer already holds the next call until the reset; a short extra wait spreads the retries.
            return attempts.nextRateLimitWait() <= maxRateLimitWaits
                    ? Math.max(0, limited.resetEpochSecond() * 1000 - Instant.now().toEpochMilli()) + jitter(250) : -1;
        }
        if (failure instanceof IntercomApiException.ScrollBusy) {
            return attempts.nextBusyWait() <= maxScrollBusyWaits ? scrollBusyStepMillis : -1;
        }
        if (isTransient(failure) && request.retryTransient() && attempts.made() < maxAttempts) {
            long backoff = baseDelayMillis * (1L << Math.min(attempts.made() - 1, 10));
            return backoff + jitter(backoff / 2 + 1);
        }
        return -1;
    }

    /** A failure to get an answer at all (5xx, timeout, reset, garbled body), as opposed to a refusal. */
    static boolean isTransient(Exception failure) {
        return failure instanceof IntercomApiException.Transient || failure instanceof IOException
                || failure instanceof org.apache.hc.core5.http.HttpException;
    }

    private static long jitter(long bound) {
        return ThreadLocalRandom.current().nextLong(Math.max(bound, 1));
    }
}
