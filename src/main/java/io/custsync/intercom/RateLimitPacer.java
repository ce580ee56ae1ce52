package io.custsync.intercom;

import java.time.Clock;
import org.springframework.stereotype.Component;

/**
 * Keeps every flow of the app inside Intercom's per-window budget. Intercom says how many calls are left
 * ({@code X-RateLimit-Remaining}) and when the 10-second window resets ({@code X-RateLimit-Reset}); calls
 * are counted down locally between answers, so concurrent flows do not overdraw, and a call that would
 * exceed the budget waits for the reset instead of drawing a 429. No reset is trusted further than
 * {@code rate-limit-max-wait} away: a bad header holds the flows that long at most, never for good.
 */
@Component("intercomPacer")
public class RateLimitPacer {

    private final Clock clock;
    private final int reserve;
    private final long maxWaitMillis;
    private final CallWaits runs;
    private long remaining = Long.MAX_VALUE; // unknown until the first answer
    private long resetEpochMillis;
    private long limit = -1;

    @org.springframework.beans.factory.annotation.Autowired
    public RateLimitPacer(IntercomProperties properties, CallWaits runs) {
        this(Clock.systemUTC(), properties.getRateLimitReserve(), properties.getRateLimitMaxWait().toMillis(), runs);
    }

    RateLimitPacer(Clock clock, int reserve, long maxWaitMillis, CallWaits runs) {
        this.clock = clock;
        this.reserve = reserve;
        this.maxWaitMillis = maxWaitMillis;
        this.runs = runs;
    }

    /** Blocks until the window has room for one more call, then takes it. */
    public void acquire() throws InterruptedException {
        while (true) {
            long wait;
            synchronized (this) {
                long now = clock.millis();
                if (now >= resetEpochMillis && remaining <= reserve) {
                    // The window has reset but no answer told us the new budget yet: one call finds out.
                    remaining = reserve + 1;
                }
                if (remaining > reserve) {
                    remaining--;
                    return;
                }
                wait = resetEpochMillis - now;
            }
            runs.pause(Math.max(wait, 1) + 50); // a little past the reset: clocks are not exactly in step
        }
    }

    /** What the last answer said about the budget; absent headers (errors before auth) change nothing. */
    public synchronized void record(Long limit, Long remaining, Long resetEpochSecond) {
        if (remaining == null || resetEpochSecond == null) {
            return;
        }
        long reset = capped(resetEpochSecond);
        if (reset > resetEpochMillis || remaining < this.remaining) {
            this.remaining = remaining;
            this.resetEpochMillis = Math.max(reset, resetEpochMillis);
        }
        if (limit != null) {
            this.limit = limit;
        }
    }

    /** A 429 says the window is spent whatever we counted. */
    public synchronized void exhausted(long resetEpochSecond) {
        remaining = 0;
        resetEpochMillis = Math.max(resetEpochMillis, capped(resetEpochSecond));
    }

    /** The reset in epoch millis, no further away than the longest wait allowed. */
    private long capped(long resetEpochSecond) {
        long latest = clock.millis() + maxWaitMillis;
        return resetEpochSecond > latest / 1000 ? latest : resetEpochSecond * 1000;
    }

    public synchronized long remaining() {
        return remaining;
    }

    public synchronized long limit() {
        return limit;
    }
}
