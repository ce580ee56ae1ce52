package io.custsync.sandbox.salesforce;

import io.custsync.sandbox.common.SandboxClock;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The org's DailyApiRequests allowance. Salesforce uses a rolling 24 hours; the sandbox resets at UTC
 * midnight on its own clock, which is enough to test "limit exhausted, then recovers".
 */
final class ApiLimits {

    private final SandboxClock clock;
    private final long max;
    private long used;
    private LocalDate day;

    ApiLimits(SandboxClock clock, long max) {
        this.clock = clock;
        this.max = max;
        this.day = today();
    }

    private LocalDate today() {
        return clock.now().atZone(ZoneOffset.UTC).toLocalDate();
    }

    private void roll() {
        LocalDate now = today();
        if (!now.equals(day)) {
            day = now;
            used = 0;
        }
    }

    /** Counts one call; false (and nothing counted) when the allowance is used up. */
    synchronized boolean tryConsume() {
        roll();
        if (used >= max) {
            return false;
        }
        used++;
        return true;
    }

    synchronized long used() {
        roll();
        return used;
    }

    long max() {
        return max;
    }

    synchronized long remaining() {
        roll();
        return Math.max(0, max - used);
    }

    synchronized void setRemaining(long remaining) {
        roll();
        used = max - Math.max(0, Math.min(max, remaining));
    }

    /** The {@code Sforce-Limit-Info} header value. */
    synchronized String header() {
        roll();
        return "api-usage=" + used + "/" + max;
    }
}
