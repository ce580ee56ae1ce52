package io.custsync.sandbox.intercom;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Real time plus an adjustable offset, in UNIX seconds. Tests set or advance it instead of sleeping
 * (scroll expiry, rate-limit windows and generated "now" all read this clock).
 */
public final class SandboxClock {
    private final AtomicLong offsetMillis = new AtomicLong();

    SandboxClock(Long startEpoch) {
        if (startEpoch != null) {
            set(startEpoch);
        }
    }

    public long now() {
        return Math.floorDiv(nowMillis(), 1000L);
    }

    public long nowMillis() {
        return System.currentTimeMillis() + offsetMillis.get();
    }

    /** Sets the clock to the given UNIX second; it keeps ticking from there. */
    public void set(long epochSeconds) {
        offsetMillis.set(epochSeconds * 1000L - System.currentTimeMillis());
    }

    public void advance(long seconds) {
        offsetMillis.addAndGet(seconds * 1000L);
    }
}
