package io.custsync.intercom;

import java.time.Clock;
import org.springframework.stereotype.Component;

/**
 * Keeps every flow of the app inside Intercom's per-window budget. Intercom says how many calls are left
 * ({@code X-RateLimit-Remaining}) and when the 10-second window resets ({@code X-RateLimit-Reset}); calls
 * are counted down locally between answers, so concurrent flows do not overdraw, and a call that would
 * exceed the budget waits for the reset instead of drawing a 429.
 */
@Component("intercomPacer")
public class RateLimitPacer {

    private final Clock clock;
    private final int reserve;
    private long remaining = Long.MAX_VALUE; // unknown until the first answer
    private long resetEpochMillis;
    private long limit = -1;

    @org.springframework.beans.factory.annotation.Autowired
    public RateLimitPacer(IntercomProperties properties) {
        this(Clock.systemUTC(), properties.getRateLimitReserve());
    }

    RateLimitPacer(Clock clock, int reserve) {
        this.clock = clock;
        this.reserve = reserve;
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
            Thread.sleep(Math.max(wait, 1) + 50); // a little past the reset: clocks are not exactly in step
        }
    }

    /** What the last answer said about the budget; absent headers (errors before auth) change nothing. */
    public synchronized void record(Long limit, Long remaining, Long resetEpochSecond) {
        if (remaining == null || resetEpochSecond == null) {
            return;
        }
        long reset = resetEpochSecond * 1000;
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
        resetEpochMillis = Math.max(resetEpochMillis, resetEpochSecond * 1000);
    }

    public synchronized long remaining() {
        return remaining;
    }

    public synchronized long limit() {
        return limit;
    }
}
