package io.custsync.sandbox.intercom;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Real time plus an adjustable offset, in UNIX seconds, optionally frozen. Tests set, advance or freeze it instead of
 * sleeping (scroll expiry, rate-limit windows and the time recorded for API writes all read this clock).
 */
public final class SandboxClock {
    private static final long NOT_FROZEN = Long.MIN_VALUE;
    private final AtomicLong offsetMillis = new AtomicLong();
    private final AtomicLong frozenMillis = new AtomicLong(NOT_FROZEN);

    SandboxClock(Long startEpoch) {
        if (startEpoch != null) {
            set(startEpoch);
        }
    }

    public long now() {
        return Math.floorDiv(nowMillis(), 1000L);
    }

    public long nowMillis() {
        long frozen = frozenMillis.get();
        return frozen != NOT_FROZEN ? frozen : System.currentTimeMillis() + offsetMillis.get();
    }

    /** Sets the clock to the given UNIX second; it keeps ticking from there unless frozen. */
    public synchronized void set(long epochSeconds) {
        if (frozenMillis.get() != NOT_FROZEN) {
            frozenMillis.set(epochSeconds * 1000L);
        }
        offsetMillis.set(epochSeconds * 1000L - System.currentTimeMillis());
    }

    public synchronized void advance(long seconds) {
        if (frozenMillis.get() != NOT_FROZEN) {
            frozenMillis.addAndGet(seconds * 1000L);
        }
        offsetMillis.addAndGet(seconds * 1000L);
    }

    /** Stops the clock at its current value (set/advance still move it). */
    public synchronized void freeze() {
        frozenMillis.set(nowMillis());
    }

    /** Lets the clock tick again from where it stands. */
    public synchronized void unfreeze() {
        long now = nowMillis();
        frozenMillis.set(NOT_FROZEN);
        offsetMillis.set(now - System.currentTimeMillis());
    }
}
